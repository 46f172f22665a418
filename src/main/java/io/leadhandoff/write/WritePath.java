package io.leadhandoff.write;

import io.micrometer.core.instrument.DistributionSummary;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhandoff.common.Deadline;
import io.leadhandoff.common.Deadlines;
import io.leadhandoff.common.Problem;
import io.leadhandoff.common.ProblemException;
import io.leadhandoff.common.ProblemType;
import io.leadhandoff.idempotency.IdempotencyStore;
import io.leadhandoff.idempotency.IdempotencyStore.AlreadyAnswered;
import io.leadhandoff.idempotency.IdempotencyStore.Reservation;
import io.leadhandoff.idempotency.IdempotencyStore.Stored;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one path every write takes: reserve the {@code Idempotency-Key}, run the work in a transaction opened
 * here (alone, in a commit group, or chunk by chunk for a batch), retry lost races and lost connections
 * within the request's deadline, store the answer in the same transaction as the work, and turn database
 * failures into 503 problems. Services run inside the transaction they are given
 * ({@code @Transactional(MANDATORY)}); resources and background jobs never open one.
 * <p>
 * It knows nothing of HTTP: it answers an {@link Answer} (the work's, or the one stored under the key), which the
 * resource turns into its response. What identifies a request for its key (method and route) comes from the matched
 * resource, not from the resource's own strings.
 */
@ApplicationScoped
public class WritePath {

    private final IdempotencyStore keys;
    private final TransactionRunner transactions;
    private final Deadlines deadlines;
    private final ObjectMapper mapper;

    public WritePath(IdempotencyStore keys, TransactionRunner transactions, Deadlines deadlines, ObjectMapper mapper) {
        this.keys = keys;
        this.transactions = transactions;
        this.deadlines = deadlines;
        this.mapper = mapper;
    }

    /** Runs {@code work} in one transaction and answers what it returned (or replays the key's answer). */
    public Answer run(Write write, Supplier<Answer> work) {
        return keyed(write, (deadline, owner) -> transactions.call(deadline, () -> store(write, owner, work.get()), owner != null));
    }

    /**
     * Hands {@code item} to a commit group; {@code answer} turns its result into the answer inside the group's
     * transaction, where the key's answer is stored with it.
     */
    public <I, R> Answer grouped(Write write, GroupCommit<I, R> group, I item, Function<R, Answer> answer) {
        return keyed(write, (deadline, owner) -> group.submit(item, deadline, result -> store(write, owner, answer.apply(result))));
    }

    /**
     * A commit group whose transactions this write path runs: {@code writer} writes a group inside the transaction,
     * {@code size} requests at most per transaction, {@code writers} transactions at once, each group's size recorded in
     * {@code sizes}.
     */
    public <I, R> GroupCommit<I, R> group(GroupCommit.Writer<I, R> writer, int size, int writers, DistributionSummary sizes) {
        return new GroupCommit<>(writer, transactions, size, writers, sizes);
    }

    /**
     * Runs work that is not a keyed request (a signed webhook event, deduplicated by its event id) in its own
     * transaction under the request's deadline.
     */
    public <T> T transaction(Supplier<T> work) {
        return transactions.call(work);
    }

    /**
     * Runs one step of a background job (sweeper, SLA escalation, feed sequencer, report refresh, clean-ups) in its
     * own transaction, with the same retries and failure classification as a request, under {@code budget}.
     */
    public <T> T job(Duration budget, Supplier<T> work) {
        // a step run on behalf of a request (a report's refresh) ends with the request's deadline, whichever is earlier
        return transactions.call(Deadline.in(budget).earlier(deadlines.current()), work, false);
    }

    /** A background job step that answers nothing. */
    public void job(Duration budget, Runnable work) {
        job(budget, () -> {
            work.run();
            return null;
        });
    }

    /**
     * Applies a batch chunk by chunk, each chunk in its own transaction. With a key, each chunk's per-item
     * results are recorded in the chunk's transaction, so a retry after a crash at any point resumes after the
     * chunks already applied and answers every item with its original outcome: exactly one successful run.
     */
    public <S> Answer chunked(Write write, Chunks<S> chunks) {
        return keyed(write, (deadline, owner) -> {
            int size = chunks.size();
            Object[] results = new Object[size];
            if (owner != null) {
                transactions.call(deadline, () -> {
                    keys.fence(write.caller(), write.idempotencyKey(), owner);
                    for (IdempotencyStore.Progress p : keys.progress(write.caller(), write.idempotencyKey())) {
                        List<S> done = decode(p.results(), chunks.resultType());
                        for (int i = 0; i < done.size(); i++) {
                            results[p.firstItem() + i] = done.get(i);
                        }
                    }
                    return null;
                }, false);
            }
            for (int from = 0; from < size; from += chunks.chunkSize()) {
                int to = Math.min(size, from + chunks.chunkSize());
                List<Integer> missing = new ArrayList<>();
                for (int i = from; i < to; i++) {
                    if (results[i] == null) {
                        missing.add(i);
                    }
                }
                if (missing.isEmpty()) {
                    continue;
                }
                int first = from;
                if (missing.size() == to - from) {
                    try {
                        copy(transactions.call(deadline, () -> applyChunk(write, owner, chunks, first, to), false), results, first);
                        continue;
                    } catch (ProblemException e) {
                        throw e;
                    } catch (RuntimeException chunkFailure) {
                        // one item that cannot be stored must not fail the others: apply this chunk item by item
                    }
                }
                for (int one : missing) {
                    try {
                        copy(transactions.call(deadline, () -> applyChunk(write, owner, chunks, one, one + 1), false), results, one);
                    } catch (ProblemException e) {
                        throw e;
                    } catch (RuntimeException itemFailure) {
                        results[one] = chunks.failed(one);
                    }
                }
            }
            @SuppressWarnings("unchecked")
            List<S> all = (List<S>) Arrays.asList(results);
            Answer answer = chunks.answer(all);
            return transactions.call(deadline, () -> store(write, owner, answer), owner != null);
        });
    }

    /** A batch as {@link #chunked} applies it. */
    public interface Chunks<S> {
        int size();

        int chunkSize();

        /** The type of one item's result, as stored between chunks. */
        JavaType resultType();

        /** Applies items {@code [from, to)} in the current transaction; one result per item. */
        List<S> apply(int from, int to);

        /** The result of an item whose own transaction failed. */
        S failed(int index);

        Answer answer(List<S> results);
    }

    private <S> List<S> applyChunk(Write write, String owner, Chunks<S> chunks, int from, int to) {
        if (owner != null) {
            keys.fence(write.caller(), write.idempotencyKey(), owner);
        }
        List<S> out = chunks.apply(from, to);
        if (owner != null) {
            keys.saveProgress(write.caller(), write.idempotencyKey(), from, json(out));
        }
        return out;
    }

    private static <S> void copy(List<S> from, Object[] to, int at) {
        for (int i = 0; i < from.size(); i++) {
            to[at + i] = from.get(i);
        }
    }

    /** Work under a reserved key: gets the deadline and the owner token (null without a key). */
    @FunctionalInterface
    private interface KeyedWork {
        Answer run(Deadline deadline, String owner);
    }

    private Answer keyed(Write write, KeyedWork work) {
        Deadline deadline = deadlines.currentOrNew();
        if (!write.keyed()) {
            return work.run(deadline, null);
        }
        IdempotencyStore.requireValid(write.idempotencyKey());
        String fingerprint = keys.fingerprint(write.method(), write.path(), write.body());
        Reservation reservation = reserve(write, fingerprint, deadline);
        if (reservation.isReplay()) {
            return replay(reservation.replay());
        }
        String owner = reservation.owner();
        try {
            return work.run(deadline, owner);
        } catch (AlreadyAnswered done) {
            return replay(done.stored());
        } catch (TransactionRunner.OutcomeUnknown e) {
            // the work may have been committed with its answer: keep the key, a retry replays or takes over
            throw e;
        } catch (ProblemException e) {
            if (e.type().status() >= 500) {
                keys.release(write.caller(), write.idempotencyKey(), owner);
                throw e;
            }
            Problem problem = new Problem(e.type().uri(), e.type().title(), e.type().status(), e.getMessage(), write.path(),
                    null, e.errors().isEmpty() ? null : e.errors(), e.currentState());
            keys.completeRefusal(write.caller(), write.idempotencyKey(), owner, e.type().status(), json(problem), deadline);
            throw e;
        } catch (RuntimeException e) {
            keys.release(write.caller(), write.idempotencyKey(), owner);
            throw e;
        }
    }

    private Reservation reserve(Write write, String fingerprint, Deadline deadline) {
        String owner = IdempotencyStore.newOwner();
        for (int attempt = 0; attempt < 3; attempt++) {
            Reservation r = transactions.call(deadline,
                    () -> keys.reserve(write.caller(), write.idempotencyKey(), fingerprint, owner), false);
            if (r != null) {
                return r;
            }
        }
        throw new ProblemException(ProblemType.IDEMPOTENCY_IN_FLIGHT, "The key is contended; retry shortly");
    }

    /** Stores the answer of a keyed request in the current transaction and returns it. */
    private Answer store(Write write, String owner, Answer answer) {
        if (owner != null) {
            keys.complete(write.caller(), write.idempotencyKey(), owner, answer.status(),
                    answer.body() == null ? null : json(answer.body()), answer.location());
        }
        return answer;
    }

    private static Answer replay(Stored stored) {
        return new Answer(stored.status(), stored.body(), stored.location(), true);
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise an answer", e);
        }
    }

    private <S> List<S> decode(String json, JavaType type) {
        try {
            return mapper.readValue(json, mapper.getTypeFactory().constructCollectionType(ArrayList.class, type));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read stored batch progress", e);
        }
    }
}
