package io.leadhandoff.routing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.query.NativeQuery;

/** How many open leads each rep of a queue holds: what capacity limits and load balancing count. */
@ApplicationScoped
public class OpenLeadCounts {

    /** Lead statuses that count against a rep's open-lead capacity. */
    public static final List<String> OPEN_STATUSES = List.of("QUEUED", "CLAIMED", "ACCEPTED", "CONVERTED");

    private final EntityManager em;

    public OpenLeadCounts(EntityManager em) {
        this.em = em;
    }

    /** Open leads per rep of a queue, for every member. */
    public Map<String, Integer> ofMembers(String queueId) {
        List<String> reps = em.createQuery("select m.id.repId from QueueMember m where m.id.queueId = :q", String.class)
                .setParameter("q", queueId).getResultList();
        return of(queueId, reps);
    }

    /**
     * Open leads of these reps in a queue. Driven by the reps (index on owner_rep_id, status), so the
     * cost follows what the reps hold, not how many leads wait in the queue.
     */
    /** A rep and the open leads they hold in the queue. */
    private record RepCount(String repId, int open) {
    }

    @SuppressWarnings("unchecked")
    public Map<String, Integer> of(String queueId, List<String> reps) {
        if (reps.isEmpty()) {
            return Map.of();
        }
        // plain SQL on the lead table's columns: routing reads leads, it does not depend on the lead package's types
        List<RepCount> rows = em.createNativeQuery("select owner_rep_id, count(*) from lead where owner_rep_id in (:reps) "
                        + "and queue_id = :q and status in (:open) group by owner_rep_id")
                .setParameter("reps", reps)
                .setParameter("q", queueId)
                .setParameter("open", OPEN_STATUSES)
                .unwrap(NativeQuery.class)
                .setTupleTransformer((tuple, aliases) -> new RepCount((String) tuple[0], ((Number) tuple[1]).intValue()))
                .getResultList();
        Map<String, Integer> counts = new HashMap<>();
        rows.forEach(r -> counts.put(r.repId(), r.open()));
        return counts;
    }
}
