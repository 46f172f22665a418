package io.leadhandoff.lead;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhandoff.common.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Map;

/** Appends entries to a lead's timeline, in the caller's transaction. */
@ApplicationScoped
public class LeadHistory {

    private final EntityManager em;
    private final ObjectMapper mapper;

    public LeadHistory(EntityManager em, ObjectMapper mapper) {
        this.em = em;
        this.mapper = mapper;
    }

    /** Records what a transition of {@code lead} did, tagged with the queue the lead is in at that moment. */
    public void record(Lead lead, LeadChange change, Instant at) {
        record(lead, change.type(), at, change.actor(), change.detail());
    }

    /** Records an event of {@code lead}, tagged with the queue the lead is in at that moment. */
    public void record(Lead lead, String type, Instant at, String actor, Map<String, ?> detail) {
        LeadEvent event = new LeadEvent();
        event.id = Ids.next();
        event.leadId = lead.id;
        event.queueId = lead.queueId;
        event.type = type;
        event.occurredAt = at;
        event.actor = actor;
        try {
            event.detail = mapper.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise event detail", e);
        }
        em.persist(event);
    }
}
