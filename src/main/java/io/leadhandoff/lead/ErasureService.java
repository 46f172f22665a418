package io.leadhandoff.lead;

import io.leadhandoff.audit.AuditService;
import io.leadhandoff.common.Identity;
import io.leadhandoff.common.ProblemException;
import io.leadhandoff.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Erasure of a lead's personal data (GDPR Art. 17 / CCPA deletion): names, email, phone, title,
 * city and region, website, UTM term and content, custom attributes, raw values, the tool's contact id,
 * event details, feedback notes and stored idempotent answers (webhook event ids are only ever stored
 * hashed). What reports count stays: source, campaign, company, industry, size, country, scores, routing
 * and outcome times. Every column of every table is classified in {@link PersonalData}.
 */
@ApplicationScoped
public class ErasureService {

    private final LeadRepository leads;
    private final EntityManager em;
    private final LeadHistory history;
    private final AuditService audit;
    private final Clock clock;

    public ErasureService(LeadRepository leads, EntityManager em, LeadHistory history, AuditService audit, Clock clock) {
        this.leads = leads;
        this.em = em;
        this.history = history;
        this.audit = audit;
        this.clock = clock;
    }

    /** Erases one lead; erasing an erased lead changes nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void erase(String id, Caller caller) {
        Lead lead = leads.lockById(id);
        if (lead == null) {
            throw ProblemException.notFound("Lead", id);
        }
        caller.requireVisible(lead.queueId(), "Lead", id);
        eraseLocked(lead, caller.label());
    }

    /** Erases every lead with this email address (any status); returns their ids. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<String> eraseByEmail(String email, String actor) {
        String normalized = Identity.email(Normalizer.text(email));
        List<Lead> rows = leads.lock("select id from lead where email = :email order by id for update", Map.of("email", normalized));
        List<String> ids = new ArrayList<>();
        for (Lead lead : rows) {
            eraseLocked(lead, actor);
            ids.add(lead.id());
        }
        deleteStoredAnswersContaining(normalized);
        return ids;
    }

    /**
     * Erases the lead a source knows by this contact id, whichever tool created it (HubSpot privacy deletion), with
     * every earlier cycle of that person: the identity moved to the newest cycle, the earlier ones are the same contact.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<String> eraseByExternalId(String source, String externalId, String actor) {
        List<String> ids = new ArrayList<>();
        for (Lead lead : leads.findByIdentity(source, externalId)) {
            for (Lead cycle = lead; cycle != null; cycle = leads.lockById(cycle.previousLeadId())) {
                eraseLocked(cycle, actor);
                ids.add(cycle.id());
            }
        }
        return ids;
    }

    private void eraseLocked(Lead lead, String actor) {
        if (lead.isErased()) {
            return;
        }
        String email = lead.email();
        LeadChange.Erased erased = lead.erase(actor, Instant.now(clock));
        em.flush();
        em.createNativeQuery("update lead_event set detail = '{}' where lead_id = :id").setParameter("id", lead.id()).executeUpdate();
        em.createNativeQuery("update lead_feedback set note = null where lead_id = :id").setParameter("id", lead.id()).executeUpdate();
        em.createNativeQuery("delete from lead_identity where lead_id = :id").setParameter("id", lead.id()).executeUpdate();
        deleteStoredAnswersContaining(lead.id());
        if (email != null) {
            deleteStoredAnswersContaining(email);
        }
        history.record(lead, erased, lead.erasedAt());
        audit.record("lead.erased", "lead:" + lead.id(), null, null);
    }

    /**
     * Idempotent answers kept for 24 h hold the lead as it was, and a keyed batch's per-chunk progress
     * names it; neither may outlive the erasure.
     */
    private void deleteStoredAnswersContaining(String value) {
        String pattern = "%" + value.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        em.createNativeQuery("delete from idempotency_record where response_body like :pattern escape '!'")
                .setParameter("pattern", pattern).executeUpdate();
        em.createNativeQuery("delete from idempotency_progress where results like :pattern escape '!'")
                .setParameter("pattern", pattern).executeUpdate();
    }
}
