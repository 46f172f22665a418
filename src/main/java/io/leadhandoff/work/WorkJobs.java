package io.leadhandoff.work;

import java.time.Duration;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/** The periodic work of every replica: return expired leases, escalate SLA breaches. */
@ApplicationScoped
public class WorkJobs {

    static final int BATCH = 200;
    /** The most one step of a job may take, like a request's deadline. */
    static final Duration STEP = Duration.ofSeconds(30);

    private final WorkService work;
    private final SlaService sla;
    private final Clock clock;

    public WorkJobs(WorkService work, SlaService sla, Clock clock) {
        this.work = work;
        this.sla = sla;
        this.clock = clock;
    }

    @Scheduled(every = "${lead-handoff.work.sweep-interval}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweep() {
        work.expireLeases(clock.instant(), BATCH);
        sla.escalate(clock.instant(), BATCH);
    }
}
