package io.leadhandoff.routing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a queue hands its leads to reps. */
public enum AssignmentMode {
    /** Nobody is pre-assigned: any member claims. */
    PULL("pull"),
    /** Weighted, fair rotation (start-time fair queuing on a per-rep pointer). */
    ROUND_ROBIN("round-robin"),
    /** The eligible rep with the fewest open leads relative to capacity. */
    LOAD_BALANCED("load-balanced");

    private final String wire;

    AssignmentMode(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static AssignmentMode fromWire(String value) {
        for (AssignmentMode m : values()) {
            if (m.wire.equals(value)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown assignment mode");
    }
}
