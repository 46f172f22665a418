package io.leadhandoff;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Client addresses for tests that stand for different clients behind the test profile's trusted proxy (loopback):
 * sent as {@code X-Forwarded-For}, never connected to. Distinct within a run, from the benchmarking block 198.18.0.0/15.
 */
public final class ForwardedFor {

    public static final String HEADER = "X-Forwarded-For";
    private static final AtomicInteger NEXT = new AtomicInteger(ThreadLocalRandom.current().nextInt(1 << 16));

    private ForwardedFor() {
    }

    /** An address no other test of this run uses. */
    public static String unique() {
        int n = NEXT.getAndIncrement() & 0x1FFFF;
        return "198." + (18 + (n >> 16)) + "." + ((n >> 8) & 0xFF) + "." + (n & 0xFF);
    }
}
