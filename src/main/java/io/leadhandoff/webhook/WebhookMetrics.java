package io.leadhandoff.webhook;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivery metrics per subscription (ids are admin-created and few, so bounded labels): deliveries by outcome
 * ({@code delivered}, {@code failed}, {@code dead}), their latency, and the age of the oldest event waiting, as seen by the
 * replica that delivered for the subscription last.
 */
@ApplicationScoped
class WebhookMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> backlog = new ConcurrentHashMap<>();

    WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void delivery(String subscription, String outcome, long latencyMs) {
        registry.counter("leadhandoff.webhooks.deliveries", "subscription", subscription, "outcome", outcome).increment();
        Timer.builder("leadhandoff.webhooks.delivery.duration").description("Time from sending a webhook to its answer")
                .tag("subscription", subscription).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry).record(Duration.ofMillis(latencyMs));
    }

    void backlog(String subscription, Duration age) {
        backlog.computeIfAbsent(subscription, s -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("leadhandoff.webhooks.backlog.age.seconds", value, AtomicLong::get)
                    .description("Age of the oldest event a subscription has not been sent yet (0: caught up)")
                    .tag("subscription", s).register(registry);
            return value;
        }).set(age.toSeconds());
    }
}
