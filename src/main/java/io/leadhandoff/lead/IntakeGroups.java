package io.leadhandoff.lead;

import io.leadhandoff.common.GroupCommit;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Group commit of single-lead intake ({@link GroupCommit}): concurrent posts are ingested as one
 * batch — one lock query for all their emails, one account query, JDBC-batched inserts, one commit —
 * each answer showing the lead as of its own turn.
 */
@ApplicationScoped
public class IntakeGroups {

    private final GroupCommit<NormalizedLead, LeadService.Ingested> groups;

    @Inject
    public IntakeGroups(LeadService service, MeterRegistry registry,
                        @ConfigProperty(name = GroupCommit.SIZE, defaultValue = GroupCommit.DEFAULT_SIZE) int size,
                        @ConfigProperty(name = GroupCommit.WRITERS, defaultValue = GroupCommit.DEFAULT_WRITERS) int writers) {
        this(service, size, writers, DistributionSummary.builder("leadhandoff.intake.group.size")
                .description("Single-lead intake requests written per transaction").register(registry));
    }

    IntakeGroups(LeadService service, int size, int writers, DistributionSummary sizes) {
        this.groups = new GroupCommit<>(leads -> service.ingest(leads, true), size, writers, sizes);
    }

    /** Stores {@code lead} and returns what {@code answer} made of the result, inside the storing transaction. */
    public <T> T ingest(NormalizedLead lead, Function<LeadService.Ingested, T> answer) {
        return groups.submit(lead, answer);
    }

    /** Requests waiting for a writer right now. */
    int waiting() {
        return groups.waiting();
    }
}
