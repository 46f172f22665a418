package io.leadhandoff.lead;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Buying cycles at intake: a post for a person whose lead is closed starts a new lead linked to the closed one,
 * and the tool identities follow the person to the current cycle. Runs in the intake's transaction.
 */
@ApplicationScoped
class LeadCycles {

    private final LeadRepository leads;
    private final EntityManager em;

    LeadCycles(LeadRepository leads, EntityManager em) {
        this.leads = leads;
        this.em = em;
    }

    /**
     * The newest closed lead of each email in the batch that no open lead holds, locked: the cycle a new post of
     * that person follows. Erased leads have no email, so they are never continued.
     */
    Map<String, Lead> latestClosed(List<NormalizedLead> batch, Map<String, Lead> byEmail) {
        Set<String> emails = batch.stream().map(NormalizedLead::email)
                .filter(e -> e != null && !byEmail.containsKey(e)).collect(Collectors.toSet());
        if (emails.isEmpty()) {
            return new HashMap<>();
        }
        Map<String, Lead> latest = new HashMap<>();
        leads.lock("select id from lead where email in (:emails) and open_email is null and next_lead_id is null"
                        + " order by id for update", Map.of("emails", emails))
                .forEach(l -> latest.merge(l.email(), l, (a, b) -> a.id().compareTo(b.id()) >= 0 ? a : b));
        return latest;
    }

    /**
     * Links a new lead to the closed one it follows and records the new cycle on the closed one. Every tool identity
     * of the closed lead moves to the new one, so any of them finds the person's current cycle; the closed lead gives
     * up its external id (the pair is unique among leads), written before the new lead is inserted.
     */
    void start(Lead previous, Lead next, Instant now, Map<String, Lead> byExternal, LeadHistory.Pending events) {
        next.follow(previous, now);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("nextLeadId", next.id());
        detail.put("cycle", next.cycle());
        events.record(previous, "lead.cycle_started", now, "intake", detail);
        em.flush();
        em.createNativeQuery("update lead_identity set lead_id = :next where lead_id = :previous")
                .setParameter("next", next.id()).setParameter("previous", previous.id()).executeUpdate();
        byExternal.replaceAll((key, lead) -> lead == previous ? next : lead);
    }

    /**
     * Moves a tool identity from a closed lead to the open lead of the same email the post merged into. When the
     * closed lead was created with that identity, it gives up its external id (the pair is unique among leads).
     */
    void moveIdentity(NormalizedLead in, Lead from, Lead to) {
        LeadIdentity identity = em.find(LeadIdentity.class, new LeadIdentity.Key(in.source(), in.externalId()));
        identity.leadId = to.id();
        if (from.createdWith(in.source(), in.externalId())) {
            from.giveUpIdentity(in.source(), in.externalId());
            em.flush();
        }
    }
}
