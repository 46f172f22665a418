package io.leadhandoff.write;

import io.leadhandoff.common.Deadline;
import io.leadhandoff.common.ProblemException;
import io.leadhandoff.common.ProblemType;
import io.micrometer.core.instrument.DistributionSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Group commit: requests that arrive while earlier ones are being written wait in a queue; the next
 * request thread to find a free writer slot takes up to {@code size} of them and writes them in one
 * transaction, in arrival order, so each sees the ones before it exactly as if they had come one after
 * another. Each request's answer is built inside that transaction (and with it its idempotency record),
 * so what a client is told is what was stored.
 * <p>
 * A lone request under light load is written at once, in a group of one: nothing waits for a timer.
 * A group's transaction runs under the earliest deadline of its members, so no member waits past its own;
 * a member whose deadline passes while it is still queued leaves the queue with a 503. When a group's
 * transaction fails, its requests are retried one by one (each under its own deadline), so a request that
 * cannot be written only fails itself — unless the group's commit had an unknown outcome, which fails them
 * all with a 503, since writing them again could apply them twice.
 *
 * @param <I> what one request asks to write
 * @param <R> what writing it gives back
 */
public final class GroupCommit<I, R> {

    /** Writes a group inside the current transaction: one result per item, in order. */
    @FunctionalInterface
    public interface Writer<I, R> {
        List<R> write(List<I> items);
    }

    private static final int QUEUED = 0;
    private static final int TAKEN = 1;
    private static final int ABANDONED = 2;

    /** One request waiting for its item to be written. */
    private static final class Waiting<I, R, T> {
        final I item;
        final Deadline deadline;
        final Function<R, T> answer;
        final Thread thread = Thread.currentThread();
        final AtomicInteger state = new AtomicInteger(QUEUED);
        volatile boolean done;
        T result;
        RuntimeException failure;

        Waiting(I item, Deadline deadline, Function<R, T> answer) {
            this.item = item;
            this.deadline = deadline;
            this.answer = answer;
        }

        @SuppressWarnings("unchecked")
        void succeed(Object value) {
            result = (T) value;
            done = true;
            LockSupport.unpark(thread);
        }

        void fail(RuntimeException e) {
            failure = e;
            done = true;
            LockSupport.unpark(thread);
        }
    }

    private final Writer<I, R> writer;
    private final Transactor transactions;
    private final int size;
    private final Semaphore writers;
    private final DistributionSummary sizes;
    private final ConcurrentLinkedQueue<Waiting<I, R, ?>> queue = new ConcurrentLinkedQueue<>();

    /**
     * @param size    most requests per transaction (1: no grouping)
     * @param writers group transactions that may run at once
     * @param sizes   where the size of every group written is recorded
     */
    public GroupCommit(Writer<I, R> writer, Transactor transactions, int size, int writers, DistributionSummary sizes) {
        if (size < 1 || writers < 1) {
            throw new IllegalStateException("group size and writers must be at least 1");
        }
        this.writer = writer;
        this.transactions = transactions;
        this.size = size;
        this.writers = new Semaphore(writers);
        this.sizes = sizes;
    }

    /**
     * Writes {@code item} (possibly together with other requests' items) and returns what
     * {@code answer} made of its result, inside the transaction that wrote it. Throws what writing
     * this item, or {@code answer}, threw; a 503 problem when {@code deadline} passes first.
     */
    public <T> T submit(I item, Deadline deadline, Function<R, T> answer) {
        Waiting<I, R, T> me = new Waiting<>(item, deadline, answer);
        queue.add(me);
        boolean interrupted = false;
        while (!me.done) {
            if (me.state.get() == QUEUED && deadline.passed() && me.state.compareAndSet(QUEUED, ABANDONED)) {
                queue.remove(me);
                throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE,
                        "Too much work was waiting to be written; retry shortly").withHeader("Retry-After", "1");
            }
            if (writers.tryAcquire()) {
                List<Waiting<I, R, ?>> group = take();
                try {
                    if (!group.isEmpty()) {
                        write(group);
                    }
                } catch (Throwable t) {
                    // an Error while writing: nobody of this group may be left waiting
                    group.forEach(w -> {
                        if (!w.done) {
                            w.fail(new IllegalStateException("Writing failed", t));
                        }
                    });
                    throw t;
                } finally {
                    writers.release();
                }
                // hand over: whoever waits longest may now find the free slot; this also closes the race
                // with a request that queued while every slot was taken and then went to sleep
                Waiting<I, R, ?> next = queue.peek();
                if (next != null) {
                    LockSupport.unpark(next.thread);
                }
            } else {
                // woken by a writer (done, or a slot came free); the timeout is only a safety net
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(20));
                // an interrupt cannot abandon an item that may be in a group being written: remember it
                interrupted |= Thread.interrupted();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (me.failure != null) {
            throw me.failure;
        }
        return me.result;
    }

    /** Requests waiting for a writer right now. */
    public int waiting() {
        return queue.size();
    }

    private List<Waiting<I, R, ?>> take() {
        List<Waiting<I, R, ?>> group = new ArrayList<>(Math.min(size, 16));
        Waiting<I, R, ?> next;
        while (group.size() < size && (next = queue.poll()) != null) {
            if (next.state.compareAndSet(QUEUED, TAKEN)) {
                group.add(next);
            }
        }
        return group;
    }

    private void write(List<Waiting<I, R, ?>> group) {
        sizes.record(group.size());
        Deadline earliest = group.get(0).deadline;
        for (Waiting<I, R, ?> w : group) {
            earliest = earliest.earlier(w.deadline);
        }
        List<Object> answers;
        try {
            answers = transactions.call(earliest, () -> {
                List<R> written = writer.write(group.stream().map(w -> w.item).toList());
                List<Object> built = new ArrayList<>(group.size());
                for (int i = 0; i < group.size(); i++) {
                    built.add(group.get(i).answer.apply(written.get(i)));
                }
                return built;
            }, false);
        } catch (TransactionRunner.OutcomeUnknown unknown) {
            // the group may have been committed: writing its members again could apply them twice
            group.forEach(w -> w.fail(unknown));
            return;
        } catch (RuntimeException groupFailure) {
            if (group.size() == 1) {
                group.get(0).fail(groupFailure);
                return;
            }
            group.forEach(this::writeAlone);
            return;
        }
        for (int i = 0; i < group.size(); i++) {
            group.get(i).succeed(answers.get(i));
        }
    }

    private <T> void writeAlone(Waiting<I, R, T> one) {
        try {
            one.succeed(transactions.call(one.deadline, () -> one.answer.apply(writer.write(List.of(one.item)).get(0)), false));
        } catch (RuntimeException e) {
            one.fail(e);
        }
    }
}
