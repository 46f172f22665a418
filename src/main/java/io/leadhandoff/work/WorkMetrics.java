package io.leadhandoff.work;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** Counters of the work loop, labelled by queue only (queues are few and admin-defined). */
@ApplicationScoped
public class WorkMetrics {

    private final MeterRegistry registry;

    public WorkMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void claimed(String queueId, int count) {
        registry.counter("leadhandoff.claims", "queue", queueId).increment(count);
    }

    void released(String queueId) {
        registry.counter("leadhandoff.releases", "queue", queueId).increment();
    }

    void leaseExpired(String queueId) {
        registry.counter("leadhandoff.lease.expiries", "queue", queueId).increment();
    }

    void slaBreached(String queueId) {
        registry.counter("leadhandoff.sla.breaches", "queue", queueId).increment();
    }
}
