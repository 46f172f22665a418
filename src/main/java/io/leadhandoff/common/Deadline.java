package io.leadhandoff.common;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The moment by which a request must be answered. Measured on the monotonic clock ({@link System#nanoTime()}),
 * not the injected wall clock: tests move the wall clock to expire leases, and that must not expire requests.
 * Remembers whether the database work running under it was cut off when it passed.
 */
public final class Deadline {

    private final long expiresAtNanos;
    private final AtomicBoolean cutOff = new AtomicBoolean();

    private Deadline(long expiresAtNanos) {
        this.expiresAtNanos = expiresAtNanos;
    }

    /** A deadline {@code budget} after {@code startNanos} (a {@link System#nanoTime()} reading). */
    public static Deadline after(long startNanos, Duration budget) {
        return new Deadline(startNanos + budget.toNanos());
    }

    public static Deadline in(Duration budget) {
        return after(System.nanoTime(), budget);
    }

    public long remainingNanos() {
        return Math.max(0, expiresAtNanos - System.nanoTime());
    }

    public long remainingMillis() {
        return remainingNanos() / 1_000_000;
    }

    public boolean passed() {
        return System.nanoTime() - expiresAtNanos >= 0;
    }

    /** The earlier of the two. */
    public Deadline earlier(Deadline other) {
        return other == null || expiresAtNanos - other.expiresAtNanos <= 0 ? this : other;
    }

    /** Called when a database connection working under this deadline was aborted because it passed. */
    public void markCutOff() {
        cutOff.set(true);
    }

    /** True when database work was aborted under this deadline: whatever failed after that failed because of it. */
    public boolean wasCutOff() {
        return cutOff.get();
    }
}
