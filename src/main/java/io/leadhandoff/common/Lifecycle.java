package io.leadhandoff.common;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Where the replica is in its shutdown. On SIGTERM readiness turns DOWN at once; for the pre-shutdown delay
 * ({@code quarkus.shutdown.delay}) requests are still served, so that load balancers have time to stop sending;
 * after it the listener closes (a new connection is refused, never accepted and then reset), requests on open
 * connections are answered 503 with Retry-After and {@code Connection: close}, and those in flight finish.
 */
@ApplicationScoped
public class Lifecycle {

    private static final Logger LOG = Logger.getLogger(Lifecycle.class);

    private final Duration delay;
    private final Listeners listeners;
    private volatile boolean stopping;
    private volatile long refuseFromNanos = Long.MAX_VALUE;

    /** Quarkus's own {@code quarkus.shutdown.delay}: how long readiness is DOWN before new requests are refused. */
    public Lifecycle(Config config, Listeners listeners) {
        this.delay = config.getOptionalValue("quarkus.shutdown.delay", Duration.class).orElse(Duration.ZERO);
        this.listeners = listeners;
    }

    void onShutdownDelay(@Observes ShutdownDelayInitiatedEvent event) {
        begin(delay);
    }

    void onShutdown(@Observes ShutdownEvent event) {
        begin(Duration.ZERO);
    }

    private synchronized void begin(Duration drainAfter) {
        if (!stopping) {
            LOG.infof("Shutting down: readiness DOWN now, new requests answered 503 after %s", drainAfter);
        }
        stopping = true;
        refuseFromNanos = Math.min(refuseFromNanos, System.nanoTime() + drainAfter.toNanos());
        if (drainAfter.isZero()) {
            listeners.close();
        } else {
            CompletableFuture.runAsync(listeners::close, CompletableFuture.delayedExecutor(drainAfter.toNanos(), TimeUnit.NANOSECONDS));
        }
    }

    /** Shutdown has begun: readiness is DOWN. */
    public boolean stopping() {
        return stopping;
    }

    /** New requests are refused with 503 (the pre-shutdown delay is over). */
    public boolean refusingNewRequests() {
        return stopping && System.nanoTime() - refuseFromNanos >= 0;
    }
}
