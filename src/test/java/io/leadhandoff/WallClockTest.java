package io.leadhandoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Time comes from the injected clock: neither the service nor its tests read the wall clock, so the suite gives the
 * same answers at any hour. Only {@link TestClock} and the fault and reliability ITs (which time real processes)
 * are exempt; {@code System.nanoTime()} stays allowed for measuring durations.
 */
class WallClockTest {

    private static final Pattern WALL_CLOCK = Pattern.compile(
            "\\b(Instant|LocalDate|LocalDateTime|LocalTime|OffsetDateTime|ZonedDateTime|Year|YearMonth)\\.now\\((?!\\s*clock\\s*\\))"
                    + "|System\\.currentTimeMillis|Clock\\.system|new Date\\(\\)");
    private static final Pattern UNCHECKED_WAIT = Pattern.compile("Thread\\.sleep|TimeUnit\\.\\w+\\.sleep|Thread\\.onSpinWait");

    @Test
    void theServiceReadsTimeOnlyFromTheInjectedClock() {
        assertThat(offences(Path.of("src/main/java"), WALL_CLOCK, "common/Clocks.java")).isEmpty();
    }

    @Test
    void testsReadTimeOnlyFromTheTestClock() {
        assertThat(offences(Path.of("src/test/java"), WALL_CLOCK, "TestClock.java", "WallClockTest.java", "/faults/", "/reliability/"))
                .isEmpty();
    }

    @Test
    void testsNeverSleepOrSpinWithoutSayingWhatTheyWaitFor() {
        assertThat(offences(Path.of("src/test/java"), UNCHECKED_WAIT, "WallClockTest.java", "/faults/", "/reliability/")).isEmpty();
    }

    @Test
    void theScanFindsAWallClockRead() {
        assertThat(WALL_CLOCK.matcher("Instant from = Instant.now().minusSeconds(1);").find()).isTrue();
        assertThat(WALL_CLOCK.matcher("LocalDate.now(ZoneOffset.UTC)").find()).isTrue();
        assertThat(WALL_CLOCK.matcher("long t = System.currentTimeMillis();").find()).isTrue();
        assertThat(WALL_CLOCK.matcher("Instant.now(clock)").find()).isFalse();
        assertThat(UNCHECKED_WAIT.matcher("Thread.sleep(10);").find()).isTrue();
    }

    private static List<String> offences(Path root, Pattern pattern, String... exempt) {
        assertThat(root).isDirectory();
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String name = file.toString().replace('\\', '/');
                if (Stream.of(exempt).anyMatch(name::endsWith) || Stream.of(exempt).anyMatch(e -> e.startsWith("/") && name.contains(e))) {
                    continue;
                }
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (pattern.matcher(lines.get(i)).find()) {
                        found.add(name + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }
}
