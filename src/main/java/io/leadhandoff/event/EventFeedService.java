package io.leadhandoff.event;

import io.leadhandoff.write.Reads;
import io.leadhandoff.write.WritePath;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhandoff.common.Cursor;
import io.leadhandoff.common.DatabaseFailures;
import io.leadhandoff.common.ProblemException;
import io.leadhandoff.common.ProblemType;
import io.leadhandoff.security.Caller;
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
import java.util.UUID;
import org.hibernate.Session;
import org.hibernate.query.NativeQuery;
import org.hibernate.query.TupleTransformer;
import org.jboss.logging.Logger;

/**
 * The change feed. It is the leads' history ({@code lead_event}) itself, in the order of the positions its rows get:
 * lead events are written by many transactions on many replicas; a feed position ({@code seq}, on the history row)
 * is given to them only after they committed, by one sequencer at a time (the row lock
 * on {@code event_sequencer}), in insert order. A reader therefore only ever sees a prefix of the
 * feed, and a position once seen never gets an earlier neighbour: commit order, resumable, no gaps.
 * <p>
 * Only the replica holding the sequencer lease ({@code event_sequencer.leader}) sequences: on Galera a row lock
 * (and SKIP LOCKED) is local to one node, so replicas on different nodes would otherwise all sequence at once and
 * abort each other at commit. The others only read the row, and take the lease over once it has expired.
 */
@ApplicationScoped
public class EventFeedService {

    static final int SEQUENCE_BATCH = 2_000;
    /** Events given their position per statement (a CASE of this many arms). */
    static final int MARK_CHUNK = 100;
    private static final int PURGE_BATCH = 10_000;
    private static final Logger LOG = Logger.getLogger(EventFeedService.class);

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final EntityManager em;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Duration retention;
    private final Duration lease;
    /** This replica, as the sequencer lease names it. */
    private final String replica = UUID.randomUUID().toString();
    /** Until when this replica holds the lease, as far as it knows; renewed at half-time. */
    private volatile Instant leaseUntil = Instant.EPOCH;

    /** The most one step of the sequencer or the purge may take. */
    private static final Duration STEP = Duration.ofSeconds(30);
    private final WritePath writes;
    private final Reads reads;

    public EventFeedService(EntityManager em, ObjectMapper mapper, Clock clock, WritePath writes, Reads reads,
                            EventsConfig config) {
        this.em = em;
        this.mapper = mapper;
        this.clock = clock;
        this.retention = config.retention();
        this.lease = config.sequencerLease();
        this.writes = writes;
        this.reads = reads;
    }

    /**
     * Sequences if this replica holds (or can take) the sequencer lease; a lost race for the lease or the row, or a
     * database that is away, only postpones sequencing to the next run and is not the caller's failure.
     */
    public int sequenceIfLeader() {
        try {
            return leader() ? sequence() : 0;
        } catch (RuntimeException e) {
            // the runner answers a race or an outage it could not outlast as a 503 problem
            boolean gaveUp = e instanceof ProblemException p && p.type() == ProblemType.SERVICE_UNAVAILABLE;
            if (gaveUp || DatabaseFailures.race(e) || DatabaseFailures.unavailable(e)) {
                LOG.debugf("Feed not sequenced this time: %s", e.getClass().getSimpleName());
                leaseUntil = Instant.EPOCH;
                return 0;
            }
            throw e;
        }
    }

    /** Whether this replica holds the sequencer lease, taking or renewing it when that is due. */
    boolean leader() {
        Instant now = clock.instant();
        if (now.isBefore(leaseUntil.minus(lease.dividedBy(2)))) {
            return true;
        }
        Instant until = now.plus(lease);
        boolean held = writes.job(STEP, () -> {
            // a plain read first: a replica that does not get the lease writes nothing, so it conflicts with nothing
            Number heldByOther = (Number) em.createNativeQuery("select count(*) from event_sequencer where id = 1 "
                            + "and leader is not null and leader <> :me and leader_until >= :now")
                    .setParameter("me", replica).setParameter("now", now).getSingleResult();
            if (heldByOther.intValue() > 0) {
                return false;
            }
            return em.createNativeQuery("update event_sequencer set leader = :me, leader_until = :until where id = 1 "
                            + "and (leader is null or leader = :me or leader_until is null or leader_until < :now)")
                    .setParameter("me", replica).setParameter("until", until).setParameter("now", now).executeUpdate() == 1;
        });
        leaseUntil = held ? until : Instant.EPOCH;
        return held;
    }

    /** Gives feed positions to committed, unsequenced events; returns how many. Skips unless this replica is the leader. */
    int sequence() {
        int total = 0;
        int done;
        do {
            done = writes.job(STEP, this::sequenceBatch);
            total += done;
        } while (done == SEQUENCE_BATCH);
        return total;
    }

    private int sequenceBatch() {
        @SuppressWarnings("unchecked")
        List<SequencerLock> lock = em.createNativeQuery("select last_seq, leader from event_sequencer where id = 1 for update skip locked")
                .unwrap(NativeQuery.class).setTupleTransformer(LOCK_ROW)
                .getResultList();
        if (lock.isEmpty()) {
            return 0;
        }
        if (!replica.equals(lock.get(0).leader())) {
            // the lease went to another replica (this one stalled past it): leave the feed to that one
            leaseUntil = Instant.EPOCH;
            return 0;
        }
        long last = lock.get(0).position();
        @SuppressWarnings("unchecked")
        List<String> ids = em.createNativeQuery("select id from lead_event where seq is null order by ord limit " + SEQUENCE_BATCH)
                .getResultList();
        if (ids.isEmpty()) {
            return 0;
        }
        // the history is the feed: an event's position is written on its history row, MARK_CHUNK rows per statement (one
        // update per event was three statements per new lead, the database's largest share of statements under intake)
        em.unwrap(Session.class).doWork(connection -> {
            for (int from = 0; from < ids.size(); from += MARK_CHUNK) {
                int to = Math.min(ids.size(), from + MARK_CHUNK);
                try (PreparedStatement mark = connection.prepareStatement(markStatement(to - from))) {
                    int p = 1;
                    for (int i = from; i < to; i++) {
                        mark.setString(p++, ids.get(i));
                        mark.setLong(p++, last + i + 1);
                    }
                    for (int i = from; i < to; i++) {
                        mark.setString(p++, ids.get(i));
                    }
                    mark.executeUpdate();
                }
            }
        });
        em.createNativeQuery("update event_sequencer set last_seq = :seq where id = 1").setParameter("seq", last + ids.size())
                .executeUpdate();
        return ids.size();
    }

    /** {@code update lead_event set seq = case id when ? then ? … end where id in (?, …)} for {@code n} events. */
    static String markStatement(int n) {
        StringBuilder sql = new StringBuilder("update lead_event set seq = case id");
        for (int i = 0; i < n; i++) {
            sql.append(" when ? then ?");
        }
        sql.append(" end where id in (");
        for (int i = 0; i < n; i++) {
            sql.append(i == 0 ? "?" : ", ?");
        }
        return sql.append(')').toString();
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
        sequenceIfLeader();
        long after = position(cursor);
        return reads.call(() -> {
            long purged = ((Number) em.createNativeQuery("select purged_through from event_sequencer where id = 1")
                    .getSingleResult()).longValue();
            if (cursor != null && after < purged) {
                throw new ProblemException(ProblemType.CURSOR_EXPIRED, "This cursor points to events older than the feed's retention ("
                        + retention.toDays() + " days); start again without `after` and resync from the leads API");
            }
            StringBuilder sql = new StringBuilder("select e.seq, e.id, e.lead_id, e.queue_id, e.type, e.occurred_at, e.actor, e.detail "
                    + "from lead_event e where e.seq > :after");
            if (caller.limitedToQueues()) {
                sql.append(" and e.queue_id in (:queues)");
            }
            sql.append(" order by e.seq limit ").append(limit + 1);
            Query query = em.createNativeQuery(sql.toString()).setParameter("after", Math.max(after, purged));
            if (caller.limitedToQueues()) {
                query.setParameter("queues", caller.queues());
            }
            @SuppressWarnings("unchecked")
            List<FeedEvent> rows = query.unwrap(NativeQuery.class)
                    .setTupleTransformer((row, aliases) -> new FeedEvent(((Number) row[0]).longValue(), (String) row[1], (String) row[4],
                            (String) row[2], (String) row[3], timestamp(row[5]).toInstant(), (String) row[6], json(row[7])))
                    .getResultList();
            boolean more = rows.size() > limit;
            List<FeedEvent> items = new ArrayList<>(rows.subList(0, Math.min(limit, rows.size())));
            long last = items.isEmpty() ? Math.max(after, 0) : items.get(items.size() - 1).position();
            String next = Cursor.encode(Long.toString(last));
            return new FeedPage(items, next, more);
        });
    }

    /**
     * Ends the feed's retention: moves {@code purged_through} past the positions of events older than the retention, so
     * a cursor before it is refused (410) and readers start after it. The events stay, as the leads' history; only the
     * sequencer lease holder does this. Returns how many positions it retired.
     */
    public int purge() {
        Instant horizon = Instant.now(clock).minus(retention);
        return writes.job(STEP, () -> {
            // found before the lock, which the sequencer needs: PURGE_BATCH positions at a time along the feed's index, the
            // last old event of each span, until a span ends with a newer event (times follow positions, up to the few
            // seconds a commit may lag its event's time)
            long from = ((Number) em.createNativeQuery("select purged_through from event_sequencer where id = 1").getSingleResult())
                    .longValue();
            long through = from;
            while (true) {
                Object max = em.createNativeQuery("select max(seq) from lead_event where seq > :from and seq <= :to and occurred_at < :horizon")
                        .setParameter("from", through).setParameter("to", through + PURGE_BATCH).setParameter("horizon", horizon)
                        .getSingleResult();
                if (max == null) {
                    break;
                }
                long spanEnd = through + PURGE_BATCH;
                through = ((Number) max).longValue();
                if (through < spanEnd) {
                    break;
                }
            }
            if (through == from) {
                return 0;
            }
            SequencerLock lock = (SequencerLock) em.createNativeQuery(
                            "select purged_through, leader from event_sequencer where id = 1 for update")
                    .unwrap(NativeQuery.class).setTupleTransformer(LOCK_ROW)
                    .getSingleResult();
            if (!replica.equals(lock.leader())) {
                return 0;
            }
            em.createNativeQuery("update event_sequencer set purged_through = :through where id = 1 and purged_through < :through")
                    .setParameter("through", through).executeUpdate();
            return (int) Math.min(Integer.MAX_VALUE, through - lock.position());
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

    /** The sequencer's row, locked: a feed position (the last given, or the purged-through one) and the lease holder. */
    private record SequencerLock(long position, String leader) {
    }

    private static final TupleTransformer<SequencerLock> LOCK_ROW =
            (r, aliases) -> new SequencerLock(((Number) r[0]).longValue(), (String) r[1]);

    private static String clobText(java.sql.Clob clob) {
        try {
            return clob.getSubString(1, (int) clob.length());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Cannot read event detail", e);
        }
    }
}
