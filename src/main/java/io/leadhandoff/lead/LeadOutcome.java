package io.leadhandoff.lead;

import java.util.Locale;

/**
 * A step of the lifecycle a lead reached, counted as the reports count it: the lead-quality report's accepted is
 * the final verdict ({@code accepted}), the funnel's accepted is every lead accepted at some time ({@code everAccepted}).
 * The lead list filters by these so that a report's count and the list behind it agree.
 */
public enum LeadOutcome {
    /** Final verdict accepted (accepted, converted, won or lost; not later rejected or recycled): lead quality's accepted. */
    ACCEPTED("l.acceptedAt is not null and l.rejectedAt is null and l.recycledAt is null"),
    /** Accepted at some time, whatever came after: the funnel's accepted step. */
    EVER_ACCEPTED("l.acceptedAt is not null"),
    REJECTED("l.rejectedAt is not null"),
    RECYCLED("l.recycledAt is not null"),
    CONVERTED("l.convertedAt is not null"),
    WON("l.wonAt is not null"),
    LOST("l.lostAt is not null"),
    DISQUALIFIED("l.disqualified = true"),
    /** Routed into a queue: the SLA report's routed. */
    ROUTED("l.routedAt is not null and l.queueId is not null"),
    /** Breached its SLA at least once. */
    BREACHED("l.sla.breaches > 0");

    private final String condition;

    LeadOutcome(String condition) {
        this.condition = condition;
    }

    /** The HQL condition over lead {@code l}. */
    String condition() {
        return condition;
    }

    public String wire() {
        return name().equals("EVER_ACCEPTED") ? "everAccepted" : name().toLowerCase(Locale.ROOT);
    }

    public static LeadOutcome fromWire(String value) {
        for (LeadOutcome o : values()) {
            if (o.wire().equals(value)) {
                return o;
            }
        }
        return null;
    }
}
