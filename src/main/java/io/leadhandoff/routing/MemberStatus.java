package io.leadhandoff.routing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Whether a rep takes new leads: paused and away reps get nothing. Away is not stored: a member is away while one of
 * its out-of-office periods covers the time.
 */
public enum MemberStatus {
    ACTIVE, PAUSED, AWAY;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static MemberStatus fromWire(String value) {
        for (MemberStatus s : values()) {
            if (s.wire().equals(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown member status");
    }
}
