package io.leadhandoff.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.leadhandoff.common.Problem;
import io.leadhandoff.common.ProblemException;
import io.leadhandoff.common.ProblemMappers;
import io.leadhandoff.common.ProblemType;
import io.leadhandoff.common.Transactions;
import io.leadhandoff.security.Secrets;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} semantics for every retryable write: the first request with a key runs and
 * its answer is stored with the business change in one transaction; a retry with the same key and body
 * gets that answer replayed for 24 hours; the same key with another body is a 422; a retry while the
 * first is still running is a 409. Server errors are not stored, so a retry after one runs again.
 * The primary key (caller, key) is what makes two concurrent requests with one key run once.
 */
@ApplicationScoped
public class IdempotencyService {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final Duration RETENTION = Duration.ofHours(24);
    /** A request that has held its key this long without finishing is presumed dead (crashed replica). */
    static final Duration IN_FLIGHT_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");

    private final EntityManager em;
    private final ObjectMapper mapper;
    private final ObjectMapper canonical;
    private final Clock clock;

    public IdempotencyService(EntityManager em, ObjectMapper mapper, Clock clock) {
        this.em = em;
        this.mapper = mapper;
        this.canonical = mapper.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
        this.clock = clock;
    }

    /** What a successful action answers: status, body (serialised as JSON), optional Location. */
    public record Outcome(int status, Object body, String location) {
    }

    /**
     * Runs {@code action} in a new transaction under the key (or without one when {@code key} is null)
     * and returns the HTTP response, replayed or fresh.
     */
    public Response execute(String caller, String key, String method, String path, Object request,
                            Supplier<Outcome> action) {
        return execute(caller, key, method, path, request,
                (Runner) inTransaction -> Transactions.inNewTransaction(() -> inTransaction.apply(action.get())));
    }

    /**
     * Runs an action whose transaction the caller manages (intake groups concurrent requests into one
     * transaction): the runner must apply {@code inTransaction} to the action's outcome inside the
     * transaction that makes the action's changes, which is what stores the answer with them.
     */
    @FunctionalInterface
    public interface Runner {
        Outcome run(java.util.function.UnaryOperator<Outcome> inTransaction);
    }

    /** {@link #execute(String, String, String, String, Object, Supplier)} with the transaction left to {@code runner}. */
    public Response execute(String caller, String key, String method, String path, Object request, Runner runner) {
        if (key == null) {
            return toResponse(runner.run(o -> o));
        }
        if (!VALID_KEY.matcher(key).matches()) {
            throw ProblemException.validation(List.of(Problem.FieldError.atHeader(HEADER,
                    "must be 1 to 255 visible ASCII characters")));
        }
        String fingerprint = fingerprint(method, path, request);
        IdempotencyRecord existing = reserve(caller, key, fingerprint);
        if (existing != null) {
            return replay(existing);
        }
        try {
            Outcome outcome = runner.run(o -> {
                complete(caller, key, o.status(), serialise(o.body()), o.location());
                return o;
            });
            return toResponse(outcome);
        } catch (ProblemException e) {
            if (e.type().status() >= 500) {
                release(caller, key);
                throw e;
            }
            Problem problem = new Problem(e.type().uri(), e.type().title(), e.type().status(), e.getMessage(), path,
                    null, e.errors().isEmpty() ? null : e.errors(), e.currentState());
            QuarkusTransaction.requiringNew().run(() -> complete(caller, key, e.type().status(), serialise(problem), null));
            throw e;
        } catch (RuntimeException e) {
            release(caller, key);
            throw e;
        }
    }

    /** Takes the key for this request, or returns the finished record to replay. */
    private IdempotencyRecord reserve(String caller, String key, String fingerprint) {
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> insertInFlight(caller, key, fingerprint));
                return null;
            } catch (RuntimeException e) {
                if (!Transactions.isUniqueViolation(e)) {
                    throw e;
                }
            }
            Decision decision = QuarkusTransaction.requiringNew().call(() -> decide(caller, key, fingerprint));
            switch (decision.kind) {
                case TAKEN_OVER:
                    return null;
                case REPLAY:
                    return decision.record;
                case GONE:
                    continue;
                default:
                    throw new IllegalStateException();
            }
        }
        throw new ProblemException(ProblemType.IDEMPOTENCY_IN_FLIGHT, "The key is contended; retry shortly");
    }

    private enum Kind { TAKEN_OVER, REPLAY, GONE }

    private record Decision(Kind kind, IdempotencyRecord record) {
    }

    private Decision decide(String caller, String key, String fingerprint) {
        // plain FOR UPDATE: portable across MySQL, MariaDB and H2 (see LeadRepository)
        @SuppressWarnings("unchecked")
        List<IdempotencyRecord> rows = em.createNativeQuery(
                        "select * from idempotency_record where caller = :caller and idem_key = :key for update",
                        IdempotencyRecord.class)
                .setParameter("caller", caller).setParameter("key", key).getResultList();
        IdempotencyRecord row = rows.isEmpty() ? null : rows.get(0);
        if (row == null) {
            return new Decision(Kind.GONE, null);
        }
        Instant now = clock.instant();
        boolean expired = row.expiresAt.isBefore(now);
        boolean abandoned = row.inFlight() && row.lockedUntil.isBefore(now);
        if (expired || abandoned) {
            row.requestHash = fingerprint;
            row.state = IdempotencyRecord.IN_FLIGHT;
            row.statusCode = null;
            row.responseBody = null;
            row.location = null;
            row.createdAt = now;
            row.lockedUntil = now.plus(IN_FLIGHT_TIMEOUT);
            row.expiresAt = now.plus(RETENTION);
            return new Decision(Kind.TAKEN_OVER, null);
        }
        if (!row.requestHash.equals(fingerprint)) {
            throw new ProblemException(ProblemType.IDEMPOTENCY_MISMATCH,
                    "This Idempotency-Key was used for a different request; use a new key for a new request",
                    List.of(Problem.FieldError.atHeader(HEADER, "was already used with a different request body")), null);
        }
        if (row.inFlight()) {
            throw new ProblemException(ProblemType.IDEMPOTENCY_IN_FLIGHT,
                    "The first request with this Idempotency-Key is still being processed; retry shortly");
        }
        em.detach(row);
        return new Decision(Kind.REPLAY, row);
    }

    private void insertInFlight(String caller, String key, String fingerprint) {
        Instant now = clock.instant();
        IdempotencyRecord row = new IdempotencyRecord();
        row.id = new IdempotencyRecord.Key(caller, key);
        row.requestHash = fingerprint;
        row.state = IdempotencyRecord.IN_FLIGHT;
        row.createdAt = now;
        row.lockedUntil = now.plus(IN_FLIGHT_TIMEOUT);
        row.expiresAt = now.plus(RETENTION);
        em.persist(row);
        em.flush();
    }

    private void complete(String caller, String key, int status, String body, String location) {
        IdempotencyRecord row = em.find(IdempotencyRecord.class, new IdempotencyRecord.Key(caller, key));
        if (row == null) {
            return;
        }
        row.state = IdempotencyRecord.DONE;
        row.statusCode = status;
        row.responseBody = body;
        row.location = location;
    }

    private void release(String caller, String key) {
        try {
            QuarkusTransaction.requiringNew().run(() -> em.createQuery(
                            "delete from IdempotencyRecord r where r.id = :id and r.state = :state")
                    .setParameter("id", new IdempotencyRecord.Key(caller, key))
                    .setParameter("state", IdempotencyRecord.IN_FLIGHT)
                    .executeUpdate());
        } catch (RuntimeException ignored) {
            // The record expires by itself after IN_FLIGHT_TIMEOUT; a retry can take it over then.
        }
    }

    private Response replay(IdempotencyRecord row) {
        boolean problem = row.statusCode >= 400;
        Response.ResponseBuilder builder = Response.status(row.statusCode)
                .type(problem ? ProblemMappers.PROBLEM_JSON : MediaType.APPLICATION_JSON)
                .entity(row.responseBody)
                .header(REPLAYED_HEADER, "true");
        if (row.location != null) {
            builder.header("Location", row.location);
        }
        return builder.build();
    }

    private Response toResponse(Outcome outcome) {
        Response.ResponseBuilder builder = Response.status(outcome.status()).type(MediaType.APPLICATION_JSON)
                .entity(outcome.body());
        if (outcome.location() != null) {
            builder.header("Location", outcome.location());
        }
        return builder.build();
    }

    String fingerprint(String method, String path, Object request) {
        try {
            byte[] canonicalBody = canonical.writeValueAsBytes(request);
            return HexFormat.of().formatHex(Secrets.sha256((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8), canonicalBody));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot fingerprint request", e);
        }
    }

    private String serialise(Object body) {
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise response", e);
        }
    }

    /** Forgets answers older than the retention window; bounded per run, safe on every replica at once. */
    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void purgeExpired() {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "delete from idempotency_record where expires_at < ?1 limit 5000")
                .setParameter(1, clock.instant())
                .executeUpdate());
    }
}
