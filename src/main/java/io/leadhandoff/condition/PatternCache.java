package io.leadhandoff.condition;

import com.google.re2j.Pattern;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compiled patterns by their text, least recently used dropped first: the same rule set is compiled
 * on every replica and on every simulation, and a pattern is compiled once. Bounded, so posting many
 * different patterns costs the poster, not the memory of the service.
 */
final class PatternCache {

    static final int CAPACITY = 1_024;

    private static final Map<String, Pattern> PATTERNS = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Pattern> eldest) {
            return size() > CAPACITY;
        }
    };

    private PatternCache() {
    }

    /** The case-insensitive pattern; throws RE2/J's PatternSyntaxException when it is not valid. */
    static Pattern compile(String regex) {
        synchronized (PATTERNS) {
            Pattern cached = PATTERNS.get(regex);
            if (cached != null) {
                return cached;
            }
        }
        Pattern compiled = Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
        synchronized (PATTERNS) {
            PATTERNS.put(regex, compiled);
        }
        return compiled;
    }

    static int size() {
        synchronized (PATTERNS) {
            return PATTERNS.size();
        }
    }
}
