package io.leadhandoff.lead;

import io.leadhandoff.write.AfterCommit;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Intake and routing metrics. Label values are bounded: sources outside a known list count as
 * "other" (a client could otherwise create a time series per made-up source), and no lead id, email
 * or rep id is ever a label.
 */
@ApplicationScoped
public class IntakeMetrics {

    static final Set<String> KNOWN_SOURCES = Set.of("hubspot", "marketo", "mautic", "pardot", "salesforce", "standard-webhooks",
            "generic", "web", "api", "import", "linkedin", "google-ads", "facebook", "webinar", "event", "partner", "referral");

    private final MeterRegistry registry;
    private final Timer intake;
    private final AfterCommit afterCommit;

    public IntakeMetrics(MeterRegistry registry, AfterCommit afterCommit) {
        this.registry = registry;
        this.afterCommit = afterCommit;
        this.intake = Timer.builder("leadhandoff.intake.duration")
                .description("Time to normalise, de-duplicate, score, route and store one intake request")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
    }

    public <T> T timeIntake(Supplier<T> work) {
        return intake.record(work);
    }

    /** Counted once the intake commits: a transaction run again after a lost race counts once. */
    void received(String source, IntakeResult.Outcome outcome) {
        afterCommit.run(() -> registry.counter("leadhandoff.leads.received", "source", bounded(source), "result", outcome.wire()).increment());
    }

    /** Queue ids and rule names are admin-defined and few, so they are bounded labels. */
    void routed(String queueId, String via, String rule) {
        afterCommit.run(() -> registry.counter("leadhandoff.routing.decisions", "queue", queueId == null ? "none" : queueId, "via", via,
                "rule", rule == null ? "none" : rule).increment());
    }

    static String bounded(String source) {
        if (source == null) {
            return "none";
        }
        return KNOWN_SOURCES.contains(source) ? source : "other";
    }
}
