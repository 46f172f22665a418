package io.leadhandoff.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhandoff.common.Cursor;
import io.leadhandoff.common.ProblemException;
import io.leadhandoff.common.ProblemType;
import io.leadhandoff.security.Caller;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;

/**
 * The change feed. Lead events are written by many transactions on many replicas; a feed position
 * ({@code seq}) is given to them only after they committed, by one sequencer at a time (the row lock
 * on {@code event_sequencer}), in insert order. A reader therefore only ever sees a prefix of the
 * feed, and a position once seen never gets an earlier neighbour: commit order, resumable, no gaps.
 */
@ApplicationScoped
public class EventFeedService {

    static final int SEQUENCE_BATCH = 2_000;
    private static final int PURGE_BATCH = 10_000;

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final EntityManager em;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Duration retention;

    public EventFeedService(EntityManager em, ObjectMapper mapper, Clock clock,
                            @ConfigProperty(name = "lead-handoff.events.retention", defaultValue = "P30D") Duration retention) {
        this.em = em;
        this.mapper = mapper;
        this.clock = clock;
        this.retention = retention;
    }

    /** Gives feed positions to committed, unsequenced events; returns how many. Skips if another replica is at it. */
    public int sequence() {
        int total = 0;
        int done;
        do {
            done = QuarkusTransaction.requiringNew().call(this::sequenceBatch);
            total += done;
        } while (done == SEQUENCE_BATCH);
        return total;
    }

    private int sequenceBatch() {
        List<?> lock = em.createNativeQuery("select last_seq from event_sequencer where id = 1 for update skip locked").getResultList();
        if (lock.isEmpty()) {
            return 0;
        }
        long last = ((Number) lock.get(0)).longValue();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "select id, queue_id, occurred_at from lead_event where seq is null order by ord limit " + SEQUENCE_BATCH).getResultList();
        if (rows.isEmpty()) {
            return 0;
        }
        long next = last;
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement mark = connection.prepareStatement("update lead_event set seq = ? where id = ?");
                 PreparedStatement feed = connection.prepareStatement(
                         "insert into change_feed (seq, event_id, queue_id, occurred_at) values (?, ?, ?, ?)")) {
                long seq = last;
                for (Object[] row : rows) {
                    seq++;
                    mark.setLong(1, seq);
                    mark.setString(2, (String) row[0]);
                    mark.addBatch();
                    feed.setLong(1, seq);
                    feed.setString(2, (String) row[0]);
                    feed.setString(3, (String) row[1]);
                    feed.setTimestamp(4, timestamp(row[2]));
                    feed.addBatch();
                }
                mark.executeBatch();
                feed.executeBatch();
            }
        });
        next += rows.size();
        em.createNativeQuery("update event_sequencer set last_seq = :seq where id = 1").setParameter("seq", next).executeUpdate();
        return rows.size();
    }

    private static Timestamp timestamp(Object value) {
        if (value instanceof Timestamp t) {
            return t;
        }
        if (value instanceof Instant i) {
            return Timestamp.from(i);
        }
        if (value instanceof java.time.LocalDateTime l) {
            return Timestamp.valueOf(l);
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return Timestamp.from(o.toInstant());
        }
        throw new IllegalStateException("Unexpected timestamp type " + value.getClass().getName());
    }

    /**
     * Events after {@code cursor} in feed order. A cursor older than the retention is a 410: the
     * events between it and the oldest kept one are gone, and a silent skip would lose them.
     */
    public FeedPage page(String cursor, int limit, Caller caller) {
        sequence();
        long after = position(cursor);
        return QuarkusTransaction.requiringNew().call(() -> {
            long purged = ((Number) em.createNativeQuery("select purged_through from event_sequencer where id = 1")
                    .getSingleResult()).longValue();
            if (cursor != null && after < purged) {
                throw new ProblemException(ProblemType.CURSOR_EXPIRED, "This cursor points to events older than the feed's retention ("
                        + retention.toDays() + " days); start again without `after` and resync from the leads API");
            }
            StringBuilder sql = new StringBuilder("select f.seq, e.id, e.lead_id, e.queue_id, e.type, e.occurred_at, e.actor, e.detail "
                    + "from change_feed f join lead_event e on e.id = f.event_id where f.seq > :after");
            if (caller.limitedToQueues()) {
                sql.append(" and f.queue_id in (:queues)");
            }
            sql.append(" order by f.seq limit ").append(limit + 1);
            Query query = em.createNativeQuery(sql.toString()).setParameter("after", Math.max(after, purged));
            if (caller.limitedToQueues()) {
                query.setParameter("queues", caller.queues());
            }
            @SuppressWarnings("unchecked")
            List<Object[]> rows = query.getResultList();
            boolean more = rows.size() > limit;
            List<FeedEvent> items = new ArrayList<>();
            long last = Math.max(after, 0);
            for (Object[] row : rows.subList(0, Math.min(limit, rows.size()))) {
                last = ((Number) row[0]).longValue();
                items.add(new FeedEvent(last, (String) row[1], (String) row[4], (String) row[2], (String) row[3],
                        timestamp(row[5]).toInstant(), (String) row[6], json(row[7])));
            }
            String next = Cursor.encode(Long.toString(last));
            return new FeedPage(items, next, more);
        });
    }

    /** Drops feed positions older than the retention (lead history itself is kept). */
    public int purge() {
        Instant horizon = Instant.now(clock).minus(retention);
        return QuarkusTransaction.requiringNew().call(() -> {
            Object max = em.createNativeQuery("select max(seq) from change_feed where occurred_at < :horizon")
                    .setParameter("horizon", horizon).getSingleResult();
            if (max == null) {
                return 0;
            }
            long through = ((Number) max).longValue();
            List<?> lock = em.createNativeQuery("select purged_through from event_sequencer where id = 1 for update").getResultList();
            long from = ((Number) lock.get(0)).longValue();
            int deleted = 0;
            for (long upTo = Math.min(through, from + PURGE_BATCH); ; upTo = Math.min(through, upTo + PURGE_BATCH)) {
                deleted += em.createNativeQuery("delete from change_feed where seq <= :upTo").setParameter("upTo", upTo).executeUpdate();
                if (upTo >= through) {
                    break;
                }
            }
            em.createNativeQuery("update event_sequencer set purged_through = :through where id = 1 and purged_through < :through")
                    .setParameter("through", through).executeUpdate();
            return deleted;
        });
    }

    private static long position(String cursor) {
        String decoded = Cursor.decode(cursor, "after");
        if (decoded == null) {
            return 0;
        }
        try {
            long value = Long.parseLong(decoded);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw ProblemException.invalidParameter("after", "is not a cursor returned by this API");
        }
    }

    private Map<String, Object> json(Object detail) {
        String text = detail instanceof java.sql.Clob clob ? clobText(clob) : (String) detail;
        try {
            return text == null ? null : mapper.readValue(text, MAP);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String clobText(java.sql.Clob clob) {
        try {
            return clob.getSubString(1, (int) clob.length());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Cannot read event detail", e);
        }
    }
}
