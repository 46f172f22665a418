package io.leadhandoff.common;

import io.agroal.api.AgroalDataSource;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the database answers a trivial query within {@link #PROBE_BUDGET}, and the replica is not shutting
 * down. The probe runs on its own thread, one at a time, under a deadline that cuts its connection off, so a
 * frozen database makes readiness answer DOWN within the budget instead of hanging (the pool's own health check
 * would wait for the driver's socket timeout).
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    static final Duration PROBE_BUDGET = Duration.ofMillis(1500);

    private final AgroalDataSource dataSource;
    private final Lifecycle lifecycle;
    private final ExecutorService probes = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "readiness-probe");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<CompletableFuture<Boolean>> running = new AtomicReference<>();

    public DatabaseReadiness(AgroalDataSource dataSource, Lifecycle lifecycle) {
        this.dataSource = dataSource;
        this.lifecycle = lifecycle;
    }

    @Override
    public HealthCheckResponse call() {
        if (lifecycle.stopping()) {
            return HealthCheckResponse.named("database").down().withData("reason", "shutting down").build();
        }
        CompletableFuture<Boolean> probe = running.updateAndGet(p -> p == null || p.isDone() ? start() : p);
        boolean up;
        String reason;
        try {
            up = probe.get(PROBE_BUDGET.toMillis(), TimeUnit.MILLISECONDS);
            reason = up ? "answered" : "did not answer";
        } catch (TimeoutException e) {
            up = false;
            reason = "no answer within " + PROBE_BUDGET.toMillis() + " ms";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            up = false;
            reason = "interrupted";
        } catch (Exception e) {
            up = false;
            reason = "failed";
        }
        return HealthCheckResponse.named("database").status(up).withData("database", reason).build();
    }

    private CompletableFuture<Boolean> start() {
        return CompletableFuture.supplyAsync(() -> Deadlines.within(Deadline.in(PROBE_BUDGET), this::probe), probes);
    }

    private boolean probe() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("select 1");
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @PreDestroy
    void stop() {
        probes.shutdownNow();
    }
}
