package io.leadhandoff.console;

import io.leadhandoff.common.Params;
import io.leadhandoff.common.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The report window [from, to) a page shows. The forms send dates (a whole UTC day, {@code to}
 * included); links may carry instants as the API takes them. Defaults and bounds are the API's.
 */
public record Period(Instant from, Instant to) {

    static final Duration DEFAULT = Duration.ofDays(90);
    static final Duration MAX = Duration.ofDays(3 * 366);

    public static Period of(String from, String to, Clock clock) {
        Instant end = parse("to", to, true);
        // as the API: up to and including the current (whole) second
        end = end == null ? clock.instant().plusSeconds(1) : end;
        Instant start = parse("from", from, false);
        start = start == null ? end.minus(DEFAULT) : start;
        if (!start.isBefore(end)) {
            throw ProblemException.invalidParameter("from", "must be before to");
        }
        if (Duration.between(start, end).compareTo(MAX) > 0) {
            throw ProblemException.invalidParameter("from", "the period may span at most 3 years");
        }
        return new Period(start, end);
    }

    /** For the date inputs: the first day shown. */
    public String fromDate() {
        return LocalDate.ofInstant(from, ZoneOffset.UTC).toString();
    }

    /** For the date inputs: the last day shown (to is exclusive). */
    public String toDate() {
        return LocalDate.ofInstant(to.minusNanos(1), ZoneOffset.UTC).toString();
    }

    /** The query string of the same window for links (CSV, the API), as instants. */
    public String query() {
        return "from=" + from + "&to=" + to;
    }

    /** A date (its start, or the next day's start for an end) or an ISO-8601 instant; null when blank. */
    static Instant instant(String name, String value, boolean endOfDay) {
        return parse(name, value, endOfDay);
    }

    private static Instant parse(String name, String value, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() == 10) {
            try {
                LocalDate day = LocalDate.parse(value);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                throw ProblemException.invalidParameter(name, "must be a date such as 2026-01-31 or an ISO-8601 UTC timestamp");
            }
        }
        return Params.instant(name, value);
    }
}
