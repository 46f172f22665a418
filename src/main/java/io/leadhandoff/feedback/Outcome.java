package io.leadhandoff.feedback;

import io.leadhandoff.lead.LeadStatus;
import java.util.Set;

/** What sales said about a lead, and the lifecycle states each outcome may follow. */
public enum Outcome {
    ACCEPTED(LeadStatus.ACCEPTED, false, Set.of(LeadStatus.QUEUED, LeadStatus.CLAIMED)),
    REJECTED(LeadStatus.REJECTED, true, Set.of(LeadStatus.QUEUED, LeadStatus.CLAIMED, LeadStatus.ACCEPTED)),
    RECYCLED(LeadStatus.RECYCLED, true, Set.of(LeadStatus.QUEUED, LeadStatus.CLAIMED, LeadStatus.ACCEPTED)),
    CONVERTED(LeadStatus.CONVERTED, false, Set.of(LeadStatus.CLAIMED, LeadStatus.ACCEPTED)),
    WON(LeadStatus.WON, false, Set.of(LeadStatus.CONVERTED)),
    LOST(LeadStatus.LOST, true, Set.of(LeadStatus.CONVERTED));

    private final LeadStatus target;
    private final boolean needsReason;
    private final Set<LeadStatus> from;

    Outcome(LeadStatus target, boolean needsReason, Set<LeadStatus> from) {
        this.target = target;
        this.needsReason = needsReason;
        this.from = from;
    }

    public LeadStatus target() {
        return target;
    }

    public boolean needsReason() {
        return needsReason;
    }

    public boolean allowedFrom(LeadStatus status) {
        return from.contains(status);
    }

    public boolean takesAmount() {
        return this == CONVERTED || this == WON;
    }

    public Set<LeadStatus> from() {
        return from;
    }
}
