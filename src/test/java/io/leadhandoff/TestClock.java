package io.leadhandoff;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The service's clock in tests: fixed at a chosen instant and moved only by tests ({@link #advance}), so the
 * suite gives the same answers at any hour. The start is the system property {@value #START_PROPERTY}
 * (an ISO-8601 instant, e.g. {@code 2026-12-31T23:59:30Z}: the suite then begins just before a day, a month
 * and a year end), by default {@link #DEFAULT_START}, midday. Like real time it never goes back: what a
 * test moved stays moved, and a test that needs a window of its own advances into one.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class TestClock extends Clock {

    public static final String START_PROPERTY = "lead-handoff.test.clock-start";
    public static final Instant DEFAULT_START = Instant.parse("2026-06-10T12:00:00Z");

    private final AtomicReference<Instant> now = new AtomicReference<>(start());

    /** Where every test begins: the system property if set, else {@link #DEFAULT_START}; whole seconds, as the service's clock. */
    public static Instant start() {
        String configured = System.getProperty(START_PROPERTY, "").strip();
        return (configured.isEmpty() ? DEFAULT_START : Instant.parse(configured)).truncatedTo(ChronoUnit.SECONDS);
    }

    public void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("The test clock only moves forward: " + by);
        }
        now.updateAndGet(t -> t.plus(by));
    }

    /**
     * Moves the clock to the next whole second and returns it: a window that starts there holds only what the
     * test stores from now on (the service stores whole seconds).
     */
    public Instant nextSecond() {
        return now.updateAndGet(t -> t.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
