package io.leadhandoff.feedback;

import io.leadhandoff.lead.LeadStatus;

/** What sales said about a lead. Which status each verdict may follow is the lead's rule ({@code Lead.judge}). */
public enum Outcome {
    ACCEPTED(LeadStatus.ACCEPTED, false),
    REJECTED(LeadStatus.REJECTED, true),
    RECYCLED(LeadStatus.RECYCLED, true),
    CONVERTED(LeadStatus.CONVERTED, false),
    WON(LeadStatus.WON, false),
    LOST(LeadStatus.LOST, true);

    private final LeadStatus target;
    private final boolean needsReason;

    Outcome(LeadStatus target, boolean needsReason) {
        this.target = target;
        this.needsReason = needsReason;
    }

    public LeadStatus target() {
        return target;
    }

    public boolean needsReason() {
        return needsReason;
    }

    public boolean takesAmount() {
        return this == CONVERTED || this == WON;
    }
}
