package io.leadhandoff;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** The service's clock in tests: real time plus an offset a test can move forward (and must reset). */
@Alternative
@Priority(1)
@ApplicationScoped
public class TestClock extends Clock {

    private final Clock base = Clock.tick(Clock.systemUTC(), Duration.ofSeconds(1));
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);
    private final AtomicReference<Instant> frozen = new AtomicReference<>();

    public void advance(Duration by) {
        offset.updateAndGet(d -> d.plus(by));
    }

    /** Stops real time from moving the clock (only {@link #advance} does) until {@link #reset}. */
    public void freeze() {
        frozen.set(base.instant());
    }

    public void reset() {
        offset.set(Duration.ZERO);
        frozen.set(null);
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
        Instant pinned = frozen.get();
        return (pinned != null ? pinned : base.instant()).plus(offset.get());
    }
}
