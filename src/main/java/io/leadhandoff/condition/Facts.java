package io.leadhandoff.condition;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values conditions are evaluated on, by field reference ("title", "utm.source",
 * "attributes.plan", "score.total"). Absent keys are missing values.
 */
public final class Facts {

    private final Map<String, Object> values;

    private Facts(Map<String, Object> values) {
        this.values = values;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Object get(String field) {
        return values.get(field);
    }

    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(values);
    }

    /** A copy with more facts, e.g. the score once it is known, for routing. */
    public Facts with(Map<String, Object> more) {
        Map<String, Object> merged = new LinkedHashMap<>(values);
        more.forEach((k, v) -> {
            if (v != null) {
                merged.put(k, v);
            }
        });
        return new Facts(merged);
    }

    public static final class Builder {
        private final Map<String, Object> values = new LinkedHashMap<>();

        public Builder put(String field, Object value) {
            if (value != null) {
                values.put(field, value);
            }
            return this;
        }

        public Facts build() {
            return new Facts(values);
        }
    }
}
