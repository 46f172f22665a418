package io.leadhandoff.console;

import io.leadhandoff.write.Reads;
import io.leadhandoff.lead.LeadStatus;
import io.leadhandoff.routing.RoutingViews;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Leads waiting for a claim right now, per queue: no report holds this, it is the live state. Each
 * queue reads at most {@link #LIMIT} + 1 entries of the claim index, so the page costs the same with
 * a million leads waiting; above the limit the count is shown as a lower bound and the oldest wait
 * is not known.
 */
@ApplicationScoped
public class WaitingLeads {

    static final int LIMIT = 10_000;

    /** {@code count} is exact unless {@code capped}; {@code oldestQueuedAt} is null when capped or nothing waits. */
    public record Waiting(String queueId, long count, boolean capped, Instant oldestQueuedAt) {
        public String countText() {
            return capped ? "over " + Fmt.count(LIMIT) : Fmt.count(count);
        }

        public String oldestWaitText(Instant now) {
            if (capped) {
                return "not measured above " + Fmt.count(LIMIT);
            }
            return oldestQueuedAt == null ? Fmt.NONE : Fmt.duration((double) java.time.Duration.between(oldestQueuedAt, now).toSeconds());
        }
    }

    private final EntityManager em;
    private final Reads reads;


    public WaitingLeads(EntityManager em, Reads reads) {
        this.reads = reads;
        this.em = em;
    }

    public List<Waiting> of(List<RoutingViews.QueueView> queues) {
        return reads.call(() -> {
            List<Waiting> out = new ArrayList<>();
            for (RoutingViews.QueueView queue : queues) {
                List<Instant> queuedAt = em.createQuery("select l.queuedAt from Lead l where l.queueId = :queue and l.status = :queued", Instant.class)
                        .setParameter("queue", queue.id()).setParameter("queued", LeadStatus.QUEUED).setMaxResults(LIMIT + 1).getResultList();
                boolean capped = queuedAt.size() > LIMIT;
                Instant oldest = capped ? null : queuedAt.stream().filter(java.util.Objects::nonNull).min(Instant::compareTo).orElse(null);
                out.add(new Waiting(queue.id(), Math.min(queuedAt.size(), LIMIT), capped, oldest));
            }
            return out;
        });
    }
}
