package io.leadhandoff.lead;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a lead is in its lifecycle (see DESIGN.md). Open leads absorb new touches by email. */
public enum LeadStatus {
    RECEIVED, SCORED, DISQUALIFIED, QUEUED, CLAIMED, ACCEPTED, CONVERTED, WON, LOST, REJECTED, RECYCLED, ERASED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LeadStatus fromWire(String value) {
        for (LeadStatus s : values()) {
            if (s.wire().equals(value)) {
                return s;
            }
        }
        return null;
    }

    /**
     * Open leads are those a new post with the same email merges into. A closed lead (sales outcome
     * given, recycled to nurture, erased) starts a new lead on the next post: a new buying cycle.
     */
    public boolean isOpen() {
        return switch (this) {
            case WON, LOST, REJECTED, RECYCLED, ERASED -> false;
            default -> true;
        };
    }
}
