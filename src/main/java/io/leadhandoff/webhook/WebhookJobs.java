package io.leadhandoff.webhook;

import io.leadhandoff.common.Lifecycle;
import io.leadhandoff.write.WritePath;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;

/** The delivery loop on every replica (each subscription is delivered for by one replica at a time), and the attempts' clean-up. */
@ApplicationScoped
public class WebhookJobs {

    static final Duration ATTEMPT_RETENTION = Duration.ofDays(30);
    /** The most one scheduled run goes on with passes that keep finding work, before leaving it to the next tick. */
    static final Duration BUSY = Duration.ofSeconds(10);

    private final Deliveries deliveries;
    private final DeliveryLog log;
    private final Clock clock;

    /** The most one step of this job may take. */
    private static final Duration STEP = Duration.ofSeconds(30);
    private final WritePath writes;

    private final Lifecycle lifecycle;

    WebhookJobs(Deliveries deliveries, DeliveryLog log, Clock clock, WritePath writes, Lifecycle lifecycle) {
        this.lifecycle = lifecycle;
        this.writes = writes;
        this.deliveries = deliveries;
        this.log = log;
        this.clock = clock;
    }

    @Scheduled(every = "${lead-handoff.webhooks.deliver-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void deliver() {
        // under load, the next pass starts as soon as one ends (not once shutdown began): events wait for a tick only
        // when the replica was idle
        long until = System.nanoTime() + BUSY.toNanos();
        int sent;
        do {
            sent = deliveries.pass();
        } while (sent > 0 && !lifecycle.stopping() && System.nanoTime() - until < 0);
    }

    @Scheduled(every = "6h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void purgeAttempts() {
        writes.job(STEP, () -> log.purge(clock.instant().minus(ATTEMPT_RETENTION)));
    }
}
