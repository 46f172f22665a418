package io.leadhandoff.work;

import io.leadhandoff.common.Cursor;
import io.leadhandoff.common.Page;
import io.leadhandoff.lead.Lead;
import io.leadhandoff.lead.LeadStatus;
import io.leadhandoff.lead.LeadView;
import io.leadhandoff.lead.LeadViews;
import io.leadhandoff.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.List;

/** A rep's current work: claimed under a valid lease, or assigned and waiting for the rep's claim. */
@ApplicationScoped
public class RepLeads {

    private final EntityManager em;
    private final LeadViews leads;
    private final Clock clock;

    public RepLeads(EntityManager em, LeadViews leads, Clock clock) {
        this.em = em;
        this.leads = leads;
        this.clock = clock;
    }

    public Page<LeadView> list(String repId, Caller caller, String cursor, int limit) {
        String after = Cursor.decode(cursor);
        var query = em.createQuery("from Lead l where l.ownerRepId = :rep and (:after is null or l.id > :after) and "
                        + "((l.status = :claimed and l.lease.expiresAt > :now) or l.status = :queued)"
                        + (caller.limitedToQueues() ? " and l.queueId in :visible" : "") + " order by l.id", Lead.class)
                .setParameter("rep", repId).setParameter("after", after)
                .setParameter("claimed", LeadStatus.CLAIMED).setParameter("queued", LeadStatus.QUEUED)
                .setParameter("now", clock.instant())
                .setMaxResults(limit + 1);
        if (caller.limitedToQueues()) {
            query.setParameter("visible", caller.queues());
        }
        List<Lead> rows = query.getResultList();
        return Page.of(rows, limit, Lead::id, leads::view);
    }
}
