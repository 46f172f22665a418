package io.leadhandoff.feedback;

import io.leadhandoff.lead.LeadView;
import io.leadhandoff.write.GroupCommit;
import io.leadhandoff.write.GroupCommitConfig;
import io.leadhandoff.write.WritePath;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;

/**
 * Group commit of verdicts ({@link GroupCommit}): concurrent feedback requests run one after another in
 * one transaction, each with its own checks under its own row lock, and share the commit. A verdict
 * that is refused (a lost lease, a transition that does not apply) sends its group back to one
 * transaction per request, where it fails alone.
 */
@ApplicationScoped
public class FeedbackGroups {

    private final GroupCommit<Supplier<LeadView>, LeadView> groups;

    public FeedbackGroups(MeterRegistry registry, WritePath writes,
                          GroupCommitConfig config) {
        this.groups = writes.group(works -> works.stream().map(Supplier::get).toList(), config.size(), config.writers(),
                DistributionSummary.builder("leadhandoff.feedback.group.size")
                        .description("Feedback requests written per transaction").register(registry));
    }

    /** The group committer the write path hands verdicts to. */
    public GroupCommit<Supplier<LeadView>, LeadView> commit() {
        return groups;
    }
}
