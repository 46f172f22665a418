package io.leadhandoff.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Business time of one schedule in its time zone: whether it is open at an instant, when it next opens, what instant
 * lies a given amount of open time later, and how much open time lies between two instants. Pure (no framework, no
 * clock): the caller passes every instant.
 *
 * <p>An instant is open when its local date and time (in the schedule's zone) is inside a weekly interval of that
 * weekday (an interval whose end is not after its start runs past midnight into the next day) and not inside a holiday
 * of that date, or when it is inside an extra working period of that date. So a local time that a DST change skips is
 * never open, and one that it repeats is open both times.
 */
public final class WorkingCalendar {

    /** Minutes in a local day; also the end of an interval that runs to midnight ("24:00"). */
    public static final int DAY = 1440;
    /** How far ahead an answer is looked for: a schedule with no open time in this many days never opens. */
    static final int HORIZON_DAYS = 800;
    private static final int MAX_CACHED_DAYS = 4096;
    private static final Duration MAX_OFFSET = Duration.ofHours(19);

    /** Minutes of a local day, [from, to). A weekly span with {@code to <= from} runs past midnight. */
    public record Span(int from, int to) {
    }

    /** A span on one local date (holidays, extra working periods); {@code from < to}. */
    public record DatedSpan(LocalDate date, int from, int to) {
    }

    private record Piece(Instant start, Instant end) {
    }

    private final ZoneRules rules;
    private final Map<DayOfWeek, List<Span>> weekly = new EnumMap<>(DayOfWeek.class);
    private final Map<LocalDate, List<Span>> holidays = new HashMap<>();
    private final Map<LocalDate, List<Span>> extras = new HashMap<>();
    private final Map<LocalDate, List<Piece>> days = new ConcurrentHashMap<>();

    public WorkingCalendar(ZoneId zone, Map<DayOfWeek, List<Span>> weekly, List<DatedSpan> holidays, List<DatedSpan> extras) {
        this.rules = zone.getRules();
        weekly.forEach((day, spans) -> this.weekly.put(day, List.copyOf(spans)));
        holidays.forEach(h -> this.holidays.computeIfAbsent(h.date(), d -> new ArrayList<>()).add(new Span(h.from(), h.to())));
        extras.forEach(e -> this.extras.computeIfAbsent(e.date(), d -> new ArrayList<>()).add(new Span(e.from(), e.to())));
    }

    /** A calendar open around the clock: a queue or rep without a schedule. */
    public static WorkingCalendar always() {
        Map<DayOfWeek, List<Span>> weekly = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            weekly.put(day, List.of(new Span(0, DAY)));
        }
        return new WorkingCalendar(ZoneOffset.UTC, weekly, List.of(), List.of());
    }

    public boolean isOpen(Instant at) {
        Piece first = firstFrom(at);
        return first != null && !first.start().isAfter(at);
    }

    /** {@code at} itself when open, else the start of the next open period; empty when it never opens. */
    public Optional<Instant> nextOpening(Instant at) {
        Piece first = firstFrom(at);
        return first == null ? Optional.empty() : Optional.of(first.start().isBefore(at) ? at : first.start());
    }

    /** When the open period around {@code at} ends; empty when closed at {@code at} (or open for the whole horizon). */
    public Optional<Instant> closesAt(Instant at) {
        Piece first = firstFrom(at);
        return first == null || first.start().isAfter(at) ? Optional.empty() : Optional.of(first.end());
    }

    /** The instant {@code amount} of open time after {@code from}; empty when the schedule does not open enough. */
    public Optional<Instant> plus(Instant from, Duration amount) {
        if (amount.isZero() || amount.isNegative()) {
            return Optional.of(from);
        }
        Instant[] found = new Instant[1];
        Duration[] left = {amount};
        walk(from, null, (start, end) -> {
            Duration length = Duration.between(start, end);
            if (left[0].compareTo(length) <= 0) {
                found[0] = start.plus(left[0]);
                return false;
            }
            left[0] = left[0].minus(length);
            return true;
        });
        return Optional.ofNullable(found[0]);
    }

    /** Open time in [from, to); zero when {@code to} is not after {@code from}. */
    public Duration between(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        Duration[] sum = {Duration.ZERO};
        walk(from, to, (start, end) -> {
            if (!start.isBefore(to)) {
                return false;
            }
            sum[0] = sum[0].plus(Duration.between(start, end.isAfter(to) ? to : end));
            return true;
        });
        return sum[0];
    }

    private Piece firstFrom(Instant at) {
        Piece[] first = new Piece[1];
        walk(at, null, (start, end) -> {
            first[0] = new Piece(start, end);
            return false;
        });
        return first[0];
    }

    private interface Visitor {
        /** Sees the next open period (merged, clipped to begin no earlier than the walk's start); false stops. */
        boolean visit(Instant start, Instant end);
    }

    /** Visits the open periods from {@code from} on, in order, up to the horizon or past {@code until}. */
    private void walk(Instant from, Instant until, Visitor visitor) {
        LocalDate day = LocalDateTime.ofInstant(from, ZoneOffset.UTC).toLocalDate().minusDays(2);
        LocalDate last = until == null ? day.plusDays(HORIZON_DAYS)
                : LocalDateTime.ofInstant(until, ZoneOffset.UTC).toLocalDate().plusDays(2);
        Instant start = null;
        Instant end = null;
        for (; !day.isAfter(last); day = day.plusDays(1)) {
            for (Piece p : pieces(day)) {
                if (!p.end().isAfter(from)) {
                    continue;
                }
                Instant s = p.start().isBefore(from) ? from : p.start();
                if (end != null && !s.isAfter(end)) {
                    end = p.end().isAfter(end) ? p.end() : end;
                    continue;
                }
                if (start != null && !visitor.visit(start, end)) {
                    return;
                }
                start = s;
                end = p.end();
            }
        }
        if (start != null) {
            visitor.visit(start, end);
        }
    }

    /** The instants whose local time is open on local date {@code day}, in order (cached per date). */
    private List<Piece> pieces(LocalDate day) {
        List<Piece> cached = days.get(day);
        if (cached != null) {
            return cached;
        }
        List<Piece> computed = computePieces(day);
        if (days.size() >= MAX_CACHED_DAYS) {
            days.clear();
        }
        days.put(day, computed);
        return computed;
    }

    private List<Piece> computePieces(LocalDate day) {
        List<Span> open = openOn(day);
        if (open.isEmpty()) {
            return List.of();
        }
        LocalDateTime midnight = day.atStartOfDay();
        Instant hi = midnight.plusDays(1).toInstant(ZoneOffset.UTC).plus(MAX_OFFSET);
        List<Piece> out = new ArrayList<>();
        // within each period of one UTC offset local time is instant + offset; cut the local spans to each period
        for (Instant p0 = midnight.toInstant(ZoneOffset.UTC).minus(MAX_OFFSET); p0.isBefore(hi); ) {
            ZoneOffset offset = rules.getOffset(p0);
            ZoneOffsetTransition next = rules.nextTransition(p0);
            Instant p1 = next == null || next.getInstant().isAfter(hi) ? hi : next.getInstant();
            for (Span s : open) {
                Instant a = midnight.plusMinutes(s.from()).toInstant(offset);
                Instant b = midnight.plusMinutes(s.to()).toInstant(offset);
                Instant x = a.isBefore(p0) ? p0 : a;
                Instant y = b.isAfter(p1) ? p1 : b;
                if (x.isBefore(y)) {
                    out.add(new Piece(x, y));
                }
            }
            p0 = p1;
        }
        out.sort(Comparator.comparing(Piece::start));
        return List.copyOf(out);
    }

    /** The open minutes of a local date: weekly intervals (and the night part of yesterday's) less holidays, plus extras. */
    List<Span> openOn(LocalDate day) {
        List<Span> work = new ArrayList<>();
        for (Span s : weekly.getOrDefault(day.getDayOfWeek(), List.of())) {
            work.add(s.to() > s.from() ? s : new Span(s.from(), DAY));
        }
        for (Span s : weekly.getOrDefault(day.minusDays(1).getDayOfWeek(), List.of())) {
            if (s.to() <= s.from() && s.to() > 0) {
                work.add(new Span(0, s.to()));
            }
        }
        List<Span> open = subtract(merge(work), holidays.getOrDefault(day, List.of()));
        open.addAll(extras.getOrDefault(day, List.of()));
        return merge(open);
    }

    private static List<Span> merge(List<Span> spans) {
        List<Span> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparingInt(Span::from));
        List<Span> out = new ArrayList<>();
        for (Span s : sorted) {
            if (s.to() <= s.from()) {
                continue;
            }
            Span last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && s.from() <= last.to()) {
                out.set(out.size() - 1, new Span(last.from(), Math.max(last.to(), s.to())));
            } else {
                out.add(s);
            }
        }
        return out;
    }

    private static List<Span> subtract(List<Span> open, List<Span> closed) {
        List<Span> out = new ArrayList<>(open);
        for (Span c : closed) {
            List<Span> next = new ArrayList<>();
            for (Span s : out) {
                if (c.to() <= s.from() || c.from() >= s.to()) {
                    next.add(s);
                    continue;
                }
                if (c.from() > s.from()) {
                    next.add(new Span(s.from(), c.from()));
                }
                if (c.to() < s.to()) {
                    next.add(new Span(c.to(), s.to()));
                }
            }
            out = next;
        }
        return out;
    }
}
