package io.leadhandoff.common;

import java.util.ArrayList;
import java.util.List;

/** An exception and its causes, outermost first; cycle-safe and bounded. */
public final class Causes {

    private static final int MAX_DEPTH = 16;

    private Causes() {
    }

    public static List<Throwable> of(Throwable e) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = e; t != null && chain.size() < MAX_DEPTH && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }
}
