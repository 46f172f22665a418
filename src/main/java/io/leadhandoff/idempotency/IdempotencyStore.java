package io.leadhandoff.idempotency;

import java.security.NoSuchAlgorithmException;
import java.security.MessageDigest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.leadhandoff.common.Deadline;
import io.leadhandoff.common.Deadlines;
import io.leadhandoff.common.Ids;
import io.leadhandoff.common.Problem;
import io.leadhandoff.common.ProblemException;
import io.leadhandoff.common.ProblemType;
import io.leadhandoff.common.RequestConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.sql.Clob;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.hibernate.query.NativeQuery;

/**
 * The records behind {@code Idempotency-Key}: the first request with a key reserves it (in flight, held by
 * one attempt), stores its answer in the transaction that makes its changes, and a retry with the same key
 * and body gets that answer for 24 hours. A key whose attempt never finished — its replica died — may be taken
 * over once the attempt's deadline and a margin have passed: by then the watchdog has cut that attempt's
 * database work off, and the owner check on every write keeps it from storing anything later. It stays one
 * class past 300 lines: each method is one step of the same record's life (reserve, fence, complete, release,
 * progress, purge) under the same row lock and owner check, which split apart would be kept in no one place.
 */
@ApplicationScoped
public class IdempotencyStore {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final Duration RETENTION = Duration.ofHours(24);
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");

    /** How long a background release may take, connection included. */
    private static final Duration RELEASE_BUDGET = Duration.ofSeconds(5);
    /** Retry-After of a 409 while the key's holder may still answer: it usually does within milliseconds. */
    static final long HOLDER_RETRY_AFTER_SECONDS = 1;

    private final EntityManager em;
    /** One thread, a bounded queue: releases are few, and must not pile up behind a database that is down. */
    private final ExecutorService releaser = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1000), r -> {
        Thread t = new Thread(r, "idempotency-release");
        t.setDaemon(true);
        return t;
    });
    private final ObjectMapper canonical;
    private final Clock clock;
    private final RequestConfig config;

    public IdempotencyStore(EntityManager em, ObjectMapper mapper, Clock clock, RequestConfig config) {
        this.em = em;
        this.canonical = mapper.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
        this.clock = clock;
        this.config = config;
    }

    /** A stored answer: status, JSON body (null for 204), Location. */
    public record Stored(int status, String body, String location) {
    }

    /** What reserving a key gave: the attempt's owner token, or the answer to replay. */
    public record Reservation(String owner, Stored replay) {
        public boolean isReplay() {
            return replay != null;
        }
    }

    /** How long an unfinished attempt holds its key: its deadline plus a margin. */
    public Duration takeoverWindow() {
        return config.deadline().plus(config.takeoverMargin());
    }

    public static void requireValid(String key) {
        if (!VALID_KEY.matcher(key).matches()) {
            throw ProblemException.validation(List.of(Problem.FieldError.atHeader(HEADER,
                    "must be 1 to 255 visible ASCII characters")));
        }
    }

    /**
     * Reserves the key for {@code owner} in the caller's transaction: a new key is inserted in flight; an existing
     * one is decided under its row lock ({@link #decide}). Null when the row vanished in between (purged).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Reservation reserve(String caller, String key, String fingerprint, String owner) {
        Instant now = clock.instant();
        // INSERT IGNORE: an existing key is not an error that would doom the transaction, just 0 rows
        int inserted = em.createNativeQuery("insert ignore into idempotency_record (caller, idem_key, owner, request_hash, state, "
                        + "created_at, locked_until, expires_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
                .unwrap(NativeQuery.class).addSynchronizedQuerySpace("idempotency_record")
                .setParameter(1, caller).setParameter(2, key).setParameter(3, owner).setParameter(4, fingerprint)
                .setParameter(5, IdempotencyRecord.IN_FLIGHT).setParameter(6, now).setParameter(7, now.plus(takeoverWindow()))
                .setParameter(8, now.plus(RETENTION)).executeUpdate();
        return inserted == 1 ? new Reservation(owner, null) : decide(caller, key, fingerprint, owner);
    }

    /**
     * Decides about an existing key under its row lock: take it over (expired, or its attempt is presumed
     * dead), replay its answer, or refuse (in flight, or used for another request). Null when the row is gone.
     */
    private Reservation decide(String caller, String key, String fingerprint, String owner) {
        IdempotencyRecord row = lock(caller, key);
        if (row == null) {
            return null;
        }
        Instant now = clock.instant();
        boolean expired = row.expiresAt.isBefore(now);
        if (!expired && !row.requestHash.equals(fingerprint)) {
            throw new ProblemException(ProblemType.IDEMPOTENCY_MISMATCH,
                    "This Idempotency-Key was used for a different request; use a new key for a new request",
                    List.of(Problem.FieldError.atHeader(HEADER, "was already used with a different request body")), null);
        }
        boolean abandoned = row.inFlight() && row.lockedUntil.isBefore(now);
        if (expired || abandoned) {
            if (expired) {
                em.createNativeQuery("delete from idempotency_progress where caller = ?1 and idem_key = ?2")
                        .setParameter(1, caller).setParameter(2, key).executeUpdate();
            }
            // an abandoned batch keeps its progress: the new owner resumes after the chunks already applied
            row.owner = owner;
            row.requestHash = fingerprint;
            row.state = IdempotencyRecord.IN_FLIGHT;
            row.statusCode = null;
            row.responseBody = null;
            row.location = null;
            row.createdAt = now;
            row.lockedUntil = now.plus(takeoverWindow());
            row.expiresAt = now.plus(RETENTION);
            em.flush();
            return new Reservation(owner, null);
        }
        if (row.inFlight()) {
            throw inFlight(row, now);
        }
        return new Reservation(null, stored(row));
    }

    /**
     * The holder answers within its deadline: until then a retry in a second finds its answer. Past it the holder
     * is presumed dead, and Retry-After is the wait until the key may be taken over.
     */
    private ProblemException inFlight(IdempotencyRecord row, Instant now) {
        boolean holderMayAnswer = now.isBefore(row.createdAt.plus(config.deadline()));
        long seconds = holderMayAnswer ? HOLDER_RETRY_AFTER_SECONDS
                : Math.min(Math.max(1, Duration.between(now, row.lockedUntil).toSeconds()), takeoverWindow().toSeconds());
        return new ProblemException(ProblemType.IDEMPOTENCY_IN_FLIGHT, holderMayAnswer
                ? "The first request with this Idempotency-Key is still being processed; retry shortly"
                : "The first request with this Idempotency-Key did not finish; retry after Retry-After to take its key over")
                .withHeader("Retry-After", String.valueOf(seconds));
    }

    /**
     * Locks the key's row and checks that {@code owner} still holds it: every transaction that applies part of
     * a keyed request (a batch chunk) starts with this, so an attempt that was taken over changes nothing more.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void fence(String caller, String key, String owner) {
        IdempotencyRecord row = lock(caller, key);
        if (row == null || !owner.equals(row.owner) || !row.inFlight()) {
            throw superseded();
        }
    }

    /**
     * Stores the answer in the caller's transaction, if {@code owner} still holds the key in flight. When an
     * earlier run of this same attempt already stored one (its commit failed on the way back, but had
     * happened), that answer is thrown back as {@link AlreadyAnswered}, so the work is not applied twice.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void complete(String caller, String key, String owner, int status, String body, String location) {
        NativeQuery<?> update = em.createNativeQuery("update idempotency_record set state = ?1, status_code = ?2, "
                        + "response_body = ?3, location = ?4 where caller = ?5 and idem_key = ?6 and owner = ?7 and state = ?8")
                .unwrap(NativeQuery.class);
        update.addSynchronizedQuerySpace("idempotency_record");
        int changed = update.setParameter(1, IdempotencyRecord.DONE).setParameter(2, status).setParameter(3, body)
                .setParameter(4, location).setParameter(5, caller).setParameter(6, key).setParameter(7, owner)
                .setParameter(8, IdempotencyRecord.IN_FLIGHT).executeUpdate();
        if (changed == 1) {
            em.createNativeQuery("delete from idempotency_progress where caller = ?1 and idem_key = ?2")
                    .unwrap(NativeQuery.class).addSynchronizedQuerySpace("idempotency_progress")
                    .setParameter(1, caller).setParameter(2, key).executeUpdate();
            return;
        }
        IdempotencyRecord row = lock(caller, key);
        if (row != null && owner.equals(row.owner) && !row.inFlight()) {
            throw new AlreadyAnswered(stored(row));
        }
        throw superseded();
    }

    /** Stores a refusal (4xx) in its own transaction: the retry of a refused request is refused the same way. */
    public void completeRefusal(String caller, String key, String owner, int status, String body, Deadline deadline) {
        try {
            Deadlines.within(deadline, () -> QuarkusTransaction.requiringNew().call(() -> {
                try {
                    complete(caller, key, owner, status, body, null);
                } catch (AlreadyAnswered | ProblemException ignored) {
                    // taken over or answered meanwhile: nothing to store
                }
                return null;
            }));
        } catch (RuntimeException e) {
            // not stored: the key is released instead, and a retry runs the request again
            release(caller, key, owner);
        }
    }

    /**
     * Gives the key up after a failure, so that a retry with the same request takes it over at once instead of
     * waiting out the takeover window; best effort. The record stays, so a batch's progress is kept and the same
     * key with another body is still refused.
     *
     * <p>It runs in the background, under a deadline of its own: the failure being answered is often the database
     * itself (frozen, restarting, out of connections), and waiting here for a connection would hold the answer
     * past the request's deadline. Fenced by the owner token, a late release never frees a key another attempt
     * took over meanwhile.
     */
    public void release(String caller, String key, String owner) {
        try {
            releaser.execute(() -> {
                try {
                    Deadlines.within(Deadline.in(RELEASE_BUDGET), () -> QuarkusTransaction.requiringNew()
                            .timeout((int) RELEASE_BUDGET.toSeconds()).call(() -> em.createNativeQuery(
                                    "update idempotency_record set locked_until = ?1 where caller = ?2 and idem_key = ?3 and owner = ?4 and state = ?5")
                            .setParameter(1, clock.instant().minusSeconds(1)).setParameter(2, caller).setParameter(3, key)
                            .setParameter(4, owner).setParameter(5, IdempotencyRecord.IN_FLIGHT).executeUpdate()));
                } catch (RuntimeException ignored) {
                    // the key is taken over after the takeover window instead
                }
            });
        } catch (RejectedExecutionException full) {
            // releases are queued up behind an unreachable database: the takeover window frees this key
        }
    }

    @PreDestroy
    void stopReleasing() {
        releaser.shutdown();
    }

    /** Per-item results of the chunks of a keyed batch that were already applied, as JSON arrays by first item. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Progress> progress(String caller, String key) {
        @SuppressWarnings("unchecked")
        List<Progress> rows = em.createNativeQuery(
                        "select first_item, results from idempotency_progress where caller = ?1 and idem_key = ?2 order by first_item")
                .setParameter(1, caller).setParameter(2, key)
                .unwrap(NativeQuery.class)
                .setTupleTransformer((r, aliases) -> new Progress(((Number) r[0]).intValue(), text(r[1])))
                .getResultList();
        return rows;
    }

    /** A CLOB column read by a native query is a String on MySQL/MariaDB and a {@link Clob} on H2. */
    private static String text(Object value) {
        if (value instanceof Clob clob) {
            try {
                return clob.getSubString(1, (int) clob.length());
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot read stored batch progress", e);
            }
        }
        return String.valueOf(value);
    }

    /** Records a chunk's per-item results in the chunk's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void saveProgress(String caller, String key, int firstItem, String results) {
        em.createNativeQuery("insert into idempotency_progress (caller, idem_key, first_item, results) values (?1, ?2, ?3, ?4)")
                .unwrap(NativeQuery.class).addSynchronizedQuerySpace("idempotency_progress")
                .setParameter(1, caller).setParameter(2, key).setParameter(3, firstItem).setParameter(4, results)
                .executeUpdate();
    }

    /** One applied chunk of a keyed batch. */
    public record Progress(int firstItem, String results) {
    }

    /** Thrown when the answer of this attempt was already stored by an earlier run of it. */
    public static final class AlreadyAnswered extends RuntimeException {
        private final Stored stored;

        AlreadyAnswered(Stored stored) {
            super(null, null, false, false);
            this.stored = stored;
        }

        public Stored stored() {
            return stored;
        }
    }

    /** A new owner token for one attempt. */
    public static String newOwner() {
        return Ids.next();
    }

    public String fingerprint(String method, String path, Object request) {
        try {
            byte[] canonicalBody = canonical.writeValueAsBytes(request);
            // hashed here rather than with security's helpers: the write path sits below security, which writes through it
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(canonicalBody));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot fingerprint request", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private IdempotencyRecord lock(String caller, String key) {
        // plain FOR UPDATE: portable across MySQL, MariaDB and H2 (see LeadRepository)
        @SuppressWarnings("unchecked")
        List<IdempotencyRecord> rows = em.createNativeQuery(
                        "select * from idempotency_record where caller = :caller and idem_key = :key for update",
                        IdempotencyRecord.class)
                .setParameter("caller", caller).setParameter("key", key).getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    private static Stored stored(IdempotencyRecord row) {
        return new Stored(row.statusCode, row.responseBody, row.location);
    }

    private static ProblemException superseded() {
        return new ProblemException(ProblemType.IDEMPOTENCY_IN_FLIGHT,
                "Another attempt with this Idempotency-Key took over; retry to get its answer");
    }

    /** Forgets answers older than the retention window; bounded per run, safe on every replica at once. */
    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void purgeExpired() {
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("delete from idempotency_progress where exists (select 1 from idempotency_record r where "
                            + "r.caller = idempotency_progress.caller and r.idem_key = idempotency_progress.idem_key and r.expires_at < ?1)")
                    .setParameter(1, clock.instant()).executeUpdate();
            em.createNativeQuery("delete from idempotency_record where expires_at < ?1 limit 5000")
                    .setParameter(1, clock.instant())
                    .executeUpdate();
        });
    }
}
