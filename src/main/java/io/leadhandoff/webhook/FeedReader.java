package io.leadhandoff.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhandoff.event.FeedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.sql.Clob;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Reads the change feed for subscriptions, in the caller's transaction: the same rows {@code GET /events} serves. */
@ApplicationScoped
class FeedReader {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
    private static final String COLUMNS = "select e.seq, e.id, e.lead_id, e.queue_id, e.type, e.occurred_at, e.actor, e.detail ";

    private final EntityManager em;
    private final ObjectMapper mapper;

    FeedReader(EntityManager em, ObjectMapper mapper) {
        this.em = em;
        this.mapper = mapper;
    }

    /** The newest feed position. */
    long head() {
        return ((Number) em.createNativeQuery("select last_seq from event_sequencer where id = 1").getSingleResult()).longValue();
    }

    /** Where the feed starts: positions up to here are past its retention (the events stay, as the leads' history). */
    private long purgedThrough() {
        return ((Number) em.createNativeQuery("select purged_through from event_sequencer where id = 1").getSingleResult()).longValue();
    }

    /** Events after {@code position} of these feed types, in feed order; none before the feed's retention. */
    List<FeedEvent> after(long position, Collection<String> feedTypes, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(COLUMNS + "from lead_event e "
                        + "where e.seq > :after and e.type in (:types) order by e.seq limit " + limit)
                .setParameter("after", Math.max(position, purgedThrough())).setParameter("types", feedTypes).getResultList();
        return rows.stream().map(this::event).toList();
    }

    /**
     * Events of these feed types that happened in {@code [from, to)}, up to position {@code through}, of leads from these
     * sources (empty: any) with at least this score (null: any), in feed order; at most {@code limit}.
     */
    List<FeedEvent> between(Instant from, Instant to, long through, Collection<String> feedTypes, List<String> sources, Integer minScore,
                            int limit) {
        StringBuilder sql = new StringBuilder(COLUMNS).append("from lead_event e ");
        if (!sources.isEmpty() || minScore != null) {
            sql.append("join lead l on l.id = e.lead_id ");
        }
        // the feed's retention: only events still on the feed (past purged_through), as a range replay always found
        sql.append("where e.occurred_at >= :from and e.occurred_at < :to and e.seq > :purged and e.seq <= :through and e.type in (:types) ");
        if (!sources.isEmpty()) {
            sql.append("and l.source in (:sources) ");
        }
        if (minScore != null) {
            sql.append("and l.score_total >= :minScore ");
        }
        Query query = em.createNativeQuery(sql.append("order by e.seq limit ").append(limit).toString())
                .setParameter("from", from).setParameter("to", to).setParameter("purged", purgedThrough()).setParameter("through", through)
                .setParameter("types", feedTypes);
        if (!sources.isEmpty()) {
            query.setParameter("sources", sources);
        }
        if (minScore != null) {
            query.setParameter("minScore", minScore);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(this::event).toList();
    }

    /** One event by id, with the position it was delivered at (it may be past the feed's retention by now). */
    FeedEvent byId(String eventId, long seq) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select :seq, e.id, e.lead_id, e.queue_id, e.type, e.occurred_at, e.actor, e.detail "
                + "from lead_event e where e.id = :id").setParameter("seq", seq).setParameter("id", eventId).getResultList();
        return rows.stream().map(this::event).findFirst().orElse(null);
    }

    /** How many events of these feed types come after {@code position}, counting at most {@code cap}. */
    long countAfter(long position, Collection<String> feedTypes, int cap) {
        return ((Number) em.createNativeQuery("select count(*) from (select 1 as one from lead_event e "
                        + "where e.seq > :after and e.type in (:types) limit " + cap + ") counted")
                .setParameter("after", Math.max(position, purgedThrough())).setParameter("types", feedTypes).getSingleResult()).longValue();
    }

    /** When the first event after {@code position} of these types happened, or null when there is none. */
    Instant firstAfter(long position, Collection<String> feedTypes) {
        List<FeedEvent> next = after(position, feedTypes, 1);
        return next.isEmpty() ? null : next.get(0).occurredAt();
    }

    private FeedEvent event(Object[] row) {
        return new FeedEvent(((Number) row[0]).longValue(), (String) row[1], (String) row[4], (String) row[2], (String) row[3],
                instant(row[5]), (String) row[6], json(row[7]));
    }

    static Instant instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toLocalDateTime().toInstant(ZoneOffset.UTC);
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof LocalDateTime l) {
            return l.toInstant(ZoneOffset.UTC);
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        throw new IllegalStateException("Unexpected timestamp type " + value.getClass().getName());
    }

    private Map<String, Object> json(Object detail) {
        try {
            String text = detail instanceof Clob clob ? clob.getSubString(1, (int) clob.length()) : (String) detail;
            return text == null ? null : mapper.readValue(text, MAP);
        } catch (JsonProcessingException | SQLException e) {
            return null;
        }
    }
}
