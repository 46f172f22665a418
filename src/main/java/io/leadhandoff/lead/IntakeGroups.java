package io.leadhandoff.lead;

import io.leadhandoff.common.Deadline;
import io.leadhandoff.write.GroupCommit;
import io.leadhandoff.write.GroupCommitConfig;
import io.leadhandoff.write.WritePath;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.Function;

/**
 * Group commit of single-lead intake ({@link GroupCommit}): concurrent posts are ingested as one
 * batch — one lock query for all their emails, one account query, JDBC-batched inserts, one commit —
 * each answer showing the lead as of its own turn.
 */
@ApplicationScoped
public class IntakeGroups {

    private final GroupCommit<NormalizedLead, LeadService.Ingested> groups;

    @Inject
    public IntakeGroups(LeadService service, WritePath writes, MeterRegistry registry,
                        GroupCommitConfig config) {
        this(service, writes, config.size(), config.writers(), DistributionSummary.builder("leadhandoff.intake.group.size")
                .description("Single-lead intake requests written per transaction").register(registry));
    }

    IntakeGroups(LeadService service, WritePath writes, int size, int writers, DistributionSummary sizes) {
        this.groups = writes.group(leads -> service.ingest(leads, true), size, writers, sizes);
    }

    /** The group committer the write path hands single-lead posts to. */
    public GroupCommit<NormalizedLead, LeadService.Ingested> commit() {
        return groups;
    }

    /** Stores {@code lead} and returns what {@code answer} made of the result, inside the storing transaction. */
    <T> T ingest(NormalizedLead lead, Function<LeadService.Ingested, T> answer) {
        return groups.submit(lead, Deadline.in(Duration.ofSeconds(30)), answer);
    }

    /** Requests waiting for a writer right now. */
    int waiting() {
        return groups.waiting();
    }
}
