package io.leadhandoff.console;

import io.leadhandoff.lead.LeadStatus;
import io.leadhandoff.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/** Leads waiting for a claim right now, per queue: no report holds this, it is the live state. */
@ApplicationScoped
public class WaitingLeads {

    public record Waiting(String queueId, long count, Instant oldestQueuedAt) {
    }

    private final EntityManager em;

    public WaitingLeads(EntityManager em) {
        this.em = em;
    }

    @Transactional
    public List<Waiting> byQueue(Caller caller) {
        return em.createQuery("select l.queueId, count(l), min(l.queuedAt) from Lead l where l.status = :queued "
                        + "group by l.queueId order by l.queueId", Object[].class)
                .setParameter("queued", LeadStatus.QUEUED).getResultList().stream()
                .filter(r -> caller.canSee((String) r[0]))
                .map(r -> new Waiting((String) r[0], ((Number) r[1]).longValue(), (Instant) r[2]))
                .toList();
    }
}
