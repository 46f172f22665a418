package io.leadhandoff.common;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * An exception and its causes, outermost first, then what each suppressed: the transaction manager reports a
 * commit that failed as a bare rollback and attaches the resource's own failure (the XA error, the database's error
 * code) as suppressed exceptions. Cycle-safe and bounded.
 */
public final class Causes {

    private static final int MAX_DEPTH = 16;
    private static final int MAX_TOTAL = 48;

    private Causes() {
    }

    public static List<Throwable> of(Throwable e) {
        List<Throwable> all = new ArrayList<>();
        Deque<Throwable> pending = new ArrayDeque<>();
        if (e != null) {
            pending.add(e);
        }
        while (!pending.isEmpty() && all.size() < MAX_TOTAL) {
            int depth = 0;
            for (Throwable t = pending.poll(); t != null && depth < MAX_DEPTH && !contains(all, t); t = t.getCause(), depth++) {
                all.add(t);
                pending.addAll(Arrays.asList(t.getSuppressed()));
            }
        }
        return all;
    }

    private static boolean contains(List<Throwable> seen, Throwable t) {
        for (Throwable s : seen) {
            if (s == t) {
                return true;
            }
        }
        return false;
    }
}
