package io.leadhandoff.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadhandoff.schedule.WorkingCalendar.DatedSpan;
import io.leadhandoff.schedule.WorkingCalendar.Span;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The business-time arithmetic against a brute-force oracle that walks minute by minute and decides each minute from
 * its local date and time alone, across random schedules (overnight intervals, several a day, holidays whole and part,
 * extra periods) in zones with DST changes and a half-hour offset.
 */
class WorkingCalendarTest {

    static final List<String> ZONES = List.of("Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata");
    /** Days around the 2026 DST changes of these zones, and a plain week. */
    static final List<LocalDate> NEAR = List.of(LocalDate.of(2026, 3, 8), LocalDate.of(2026, 3, 29), LocalDate.of(2026, 4, 5),
            LocalDate.of(2026, 10, 4), LocalDate.of(2026, 10, 25), LocalDate.of(2026, 11, 1), LocalDate.of(2026, 6, 15));
    static final int ORACLE_LIMIT = 40 * 1440;

    record Case(String zone, Map<DayOfWeek, List<Span>> weekly, List<DatedSpan> holidays, List<DatedSpan> extras, Instant start) {
        WorkingCalendar calendar() {
            return new WorkingCalendar(ZoneId.of(zone), weekly, holidays, extras);
        }
    }

    // --- the oracle: one minute at a time, from the local date and time only ---

    static boolean openOracle(Case c, Instant minute) {
        LocalDateTime local = LocalDateTime.ofInstant(minute, ZoneId.of(c.zone()));
        LocalDate date = local.toLocalDate();
        int m = local.getHour() * 60 + local.getMinute();
        for (DatedSpan e : c.extras()) {
            if (e.date().equals(date) && e.from() <= m && m < e.to()) {
                return true;
            }
        }
        for (DatedSpan h : c.holidays()) {
            if (h.date().equals(date) && h.from() <= m && m < h.to()) {
                return false;
            }
        }
        for (Span s : c.weekly().getOrDefault(date.getDayOfWeek(), List.of())) {
            if (s.to() > s.from() ? s.from() <= m && m < s.to() : m >= s.from()) {
                return true;
            }
        }
        for (Span s : c.weekly().getOrDefault(date.minusDays(1).getDayOfWeek(), List.of())) {
            if (s.to() <= s.from() && m < s.to()) {
                return true;
            }
        }
        return false;
    }

    static Optional<Instant> plusOracle(Case c, Instant from, int minutes) {
        if (minutes == 0) {
            return Optional.of(from);
        }
        int counted = 0;
        for (int i = 0; i < ORACLE_LIMIT; i++) {
            Instant minute = from.plus(i, ChronoUnit.MINUTES);
            if (openOracle(c, minute) && ++counted == minutes) {
                return Optional.of(minute.plus(1, ChronoUnit.MINUTES));
            }
        }
        return Optional.empty();
    }

    // --- properties ---

    @Property(tries = 300)
    void isOpenMatchesTheOracle(@ForAll("cases") Case c, @ForAll @IntRange(min = 0, max = 4 * 1440) int later) {
        Instant at = c.start().plus(later, ChronoUnit.MINUTES);
        assertThat(c.calendar().isOpen(at)).as("open at %s (%s)", at, c).isEqualTo(openOracle(c, at));
    }

    @Property(tries = 200)
    void plusMatchesTheOracle(@ForAll("cases") Case c, @ForAll @IntRange(min = 0, max = 3000) int minutes) {
        Optional<Instant> actual = c.calendar().plus(c.start(), Duration.ofMinutes(minutes));
        Optional<Instant> expected = plusOracle(c, c.start(), minutes);
        if (expected.isEmpty()) {
            // a sparse schedule: the oracle looked only so far ahead
            assertThat(actual.orElse(Instant.MAX)).isAfter(c.start().plus(ORACLE_LIMIT, ChronoUnit.MINUTES));
        } else {
            assertThat(actual).as("%s + %d business minutes", c, minutes).isEqualTo(expected);
        }
    }

    @Property(tries = 200)
    void betweenMatchesTheOracle(@ForAll("cases") Case c, @ForAll @IntRange(min = 0, max = 6 * 1440) int span) {
        Instant to = c.start().plus(span, ChronoUnit.MINUTES);
        long open = 0;
        for (int i = 0; i < span; i++) {
            if (openOracle(c, c.start().plus(i, ChronoUnit.MINUTES))) {
                open++;
            }
        }
        assertThat(c.calendar().between(c.start(), to)).as("%s to %s", c, to).isEqualTo(Duration.ofMinutes(open));
    }

    @Property(tries = 200)
    void nextOpeningMatchesTheOracle(@ForAll("cases") Case c) {
        Optional<Instant> expected = Optional.empty();
        for (int i = 0; i < ORACLE_LIMIT; i++) {
            Instant minute = c.start().plus(i, ChronoUnit.MINUTES);
            if (openOracle(c, minute)) {
                expected = Optional.of(minute);
                break;
            }
        }
        Optional<Instant> actual = c.calendar().nextOpening(c.start());
        if (expected.isEmpty()) {
            assertThat(actual.orElse(Instant.MAX)).isAfter(c.start().plus(ORACLE_LIMIT, ChronoUnit.MINUTES));
        } else {
            assertThat(actual).as("%s", c).isEqualTo(expected);
        }
    }

    @Property(tries = 200)
    void plusAndBetweenAreInverse(@ForAll("cases") Case c, @ForAll @IntRange(min = 1, max = 5000) int minutes) {
        WorkingCalendar calendar = c.calendar();
        Optional<Instant> due = calendar.plus(c.start(), Duration.ofMinutes(minutes));
        assertThat(due).isPresent();
        assertThat(calendar.between(c.start(), due.get())).isEqualTo(Duration.ofMinutes(minutes));
        assertThat(calendar.isOpen(due.get().minusSeconds(1))).isTrue();
    }

    // --- worked examples ---

    @Test
    void fridayEveningLeadIsDueMondayMorning() {
        WorkingCalendar berlin = officeHours("Europe/Berlin");
        Instant friday = ZonedDateTime.of(2026, 12, 4, 17, 50, 0, 0, ZoneId.of("Europe/Berlin")).toInstant();
        assertThat(berlin.plus(friday, Duration.ofMinutes(30)))
                .contains(ZonedDateTime.of(2026, 12, 7, 9, 20, 0, 0, ZoneId.of("Europe/Berlin")).toInstant());
    }

    @Test
    void aDayOfTheSpringChangeHasAnHourLessBusinessTimeOnlyWhenTheIntervalSpansIt() {
        Map<DayOfWeek, List<Span>> weekly = new EnumMap<>(DayOfWeek.class);
        weekly.put(DayOfWeek.SUNDAY, List.of(new Span(60, 300)));
        WorkingCalendar berlin = new WorkingCalendar(ZoneId.of("Europe/Berlin"), weekly, List.of(), List.of());
        Instant saturday = ZonedDateTime.of(2026, 3, 28, 12, 0, 0, 0, ZoneId.of("Europe/Berlin")).toInstant();
        assertThat(berlin.between(saturday, saturday.plus(Duration.ofDays(2)))).isEqualTo(Duration.ofHours(3));
    }

    @Test
    void aScheduleThatNeverOpensHasNoDueTime() {
        WorkingCalendar never = new WorkingCalendar(ZoneId.of("UTC"), Map.of(), List.of(), List.of());
        Instant at = Instant.parse("2026-06-01T00:00:00Z");
        assertThat(never.plus(at, Duration.ofMinutes(1))).isEmpty();
        assertThat(never.nextOpening(at)).isEmpty();
        assertThat(never.isOpen(at)).isFalse();
    }

    static WorkingCalendar officeHours(String zone) {
        Map<DayOfWeek, List<Span>> weekly = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            weekly.put(d, List.of(new Span(9 * 60, 18 * 60)));
        }
        return new WorkingCalendar(ZoneId.of(zone), weekly, List.of(), List.of());
    }

    // --- generators ---

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<String> zone = Arbitraries.of(ZONES);
        Arbitrary<LocalDate> near = Arbitraries.of(NEAR);
        Arbitrary<Integer> shift = Arbitraries.integers().between(-3, 3);
        Arbitrary<Integer> minute = Arbitraries.integers().between(0, 1439);
        Arbitrary<Map<DayOfWeek, List<Span>>> weekly = weekly();
        return Combinators.combine(zone, near, shift, minute, weekly, Arbitraries.integers().between(0, Integer.MAX_VALUE))
                .as((z, d, s, m, w, seed) -> {
                    LocalDate start = d.plusDays(s);
                    Random random = new Random(seed);
                    return new Case(z, w, dated(random, start, 4, true), dated(random, start, 2, false),
                            start.atStartOfDay(ZoneId.of(z)).toInstant().plus(m, ChronoUnit.MINUTES));
                });
    }

    /** Times near the DST changes (01:00–04:00) are likelier, so intervals start and end inside skipped and repeated hours. */
    private static Arbitrary<Integer> time() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(0, 47).map(h -> h * 30)),
                Tuple.of(2, Arbitraries.integers().between(60, 240).map(m -> m / 15 * 15)),
                Tuple.of(1, Arbitraries.just(0)));
    }

    private static Arbitrary<Map<DayOfWeek, List<Span>>> weekly() {
        Arbitrary<Span> span = Combinators.combine(time(), time(), Arbitraries.integers().between(0, 9))
                .as((a, b, kind) -> kind == 0 ? new Span(a, WorkingCalendar.DAY) : new Span(a, b))
                .filter(s -> s.from() != s.to());
        Arbitrary<List<Span>> day = span.list().ofMinSize(0).ofMaxSize(3);
        return day.list().ofSize(7).map(lists -> {
            Map<DayOfWeek, List<Span>> map = new EnumMap<>(DayOfWeek.class);
            for (int i = 0; i < 7; i++) {
                map.put(DayOfWeek.of(i + 1), lists.get(i));
            }
            if (map.values().stream().allMatch(List::isEmpty)) {
                map.put(DayOfWeek.WEDNESDAY, List.of(new Span(9 * 60, 17 * 60)));
            }
            return map;
        });
    }

    private static List<DatedSpan> dated(Random random, LocalDate around, int max, boolean wholeDays) {
        List<DatedSpan> out = new ArrayList<>();
        int n = random.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            LocalDate date = around.plusDays(random.nextInt(9) - 2);
            if (wholeDays && random.nextBoolean()) {
                out.add(new DatedSpan(date, 0, WorkingCalendar.DAY));
            } else {
                int from = random.nextInt(48) * 30;
                int to = Math.min(WorkingCalendar.DAY, from + 30 + random.nextInt(16) * 30);
                out.add(new DatedSpan(date, from, to));
            }
        }
        return out;
    }
}
