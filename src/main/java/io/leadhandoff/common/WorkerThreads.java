package io.leadhandoff.common;

import io.vertx.core.Context;

/**
 * A guard for work that may take a while (compiling a caller's conditions): it must run on a worker
 * thread, never on the event loop that serves every other request of this replica.
 */
public final class WorkerThreads {

    private WorkerThreads() {
    }

    /** Fails (a 500, found by any test of the endpoint) when called on an event-loop thread. */
    public static void require() {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("CPU-bound work on the event loop");
        }
    }
}
