package io.leadhandoff.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhandoff.common.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Events that belong to no lead (a scoring model activated): written beside the leads' events, without a lead, so
 * the sequencer gives them their feed position in commit order and every feed consumer (the events API, webhook
 * subscriptions) sees them where they happened.
 */
@ApplicationScoped
public class SystemEvents {

    private final EntityManager em;
    private final ObjectMapper mapper;

    SystemEvents(EntityManager em, ObjectMapper mapper) {
        this.em = em;
        this.mapper = mapper;
    }

    /** Records {@code type} with its detail in the caller's transaction; it reaches the feed when that commits. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String type, Instant at, String actor, Map<String, ?> detail) {
        String json;
        try {
            json = mapper.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise event detail", e);
        }
        em.createNativeQuery("insert into lead_event (id, lead_id, queue_id, type, occurred_at, actor, detail) "
                        + "values (:id, null, null, :type, :at, :actor, :detail)")
                .setParameter("id", Ids.next()).setParameter("type", type)
                .setParameter("at", LocalDateTime.ofInstant(at, ZoneOffset.UTC)).setParameter("actor", actor)
                .setParameter("detail", json).executeUpdate();
    }
}
