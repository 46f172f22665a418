package io.leadhandoff.work;

import io.leadhandoff.write.AfterCommit;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** Counters of the work loop, labelled by queue only (queues are few and admin-defined), counted once a write commits. */
@ApplicationScoped
public class WorkMetrics {

    private final MeterRegistry registry;
    private final AfterCommit afterCommit;

    public WorkMetrics(MeterRegistry registry, AfterCommit afterCommit) {
        this.registry = registry;
        this.afterCommit = afterCommit;
    }

    void claimed(String queueId, int count) {
        afterCommit.run(() -> registry.counter("leadhandoff.claims", "queue", queueId).increment(count));
    }

    void released(String queueId) {
        afterCommit.run(() -> registry.counter("leadhandoff.releases", "queue", queueId).increment());
    }

    void leaseExpired(String queueId) {
        afterCommit.run(() -> registry.counter("leadhandoff.lease.expiries", "queue", queueId).increment());
    }

    void slaBreached(String queueId) {
        afterCommit.run(() -> registry.counter("leadhandoff.sla.breaches", "queue", queueId).increment());
    }
}
