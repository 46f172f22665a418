package io.leadhandoff.common;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Parses query parameters taken as strings, so a malformed one is a precise 422, not a 404. */
public final class Params {

    private Params() {
    }

    public static Integer integer(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.invalidParameter(name, "must be a whole number");
        }
    }

    /** A report period's default length, when {@code from} is not given. */
    public static final Duration DEFAULT_PERIOD = Duration.ofDays(90);
    /** The longest report period. */
    public static final Duration MAX_PERIOD = Duration.ofDays(3 * 366);

    /**
     * A report period from the {@code from} and {@code to} query parameters: {@code to} defaults to the end of
     * the current second of {@code now}, {@code from} to {@link #DEFAULT_PERIOD} before it; 422 when from is not
     * before to or the period spans more than {@link #MAX_PERIOD}.
     */
    public static Instant[] period(String from, String to, Instant now) {
        Instant end = instant("to", to);
        end = end == null ? now.plusSeconds(1) : end;
        Instant start = instant("from", from);
        start = start == null ? end.minus(DEFAULT_PERIOD) : start;
        if (!start.isBefore(end)) {
            throw ProblemException.invalidParameter("from", "must be before to");
        }
        if (Duration.between(start, end).compareTo(MAX_PERIOD) > 0) {
            throw ProblemException.invalidParameter("from", "the period may span at most 3 years");
        }
        return new Instant[] {start, end};
    }

    public static Instant instant(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            Instant instant = Instant.parse(value.trim());
            if (!StorableTime.Validator.storable(instant)) {
                throw ProblemException.invalidParameter(name, "must be between the years 1970 and 9999");
            }
            return instant;
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidParameter(name, "must be an ISO-8601 UTC timestamp such as 2026-01-31T09:30:00Z");
        }
    }

    /** A free-text filter value: bounded, so nobody sends a megabyte of query string to the database. */
    public static String text(String name, String value, int maxLength) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > maxLength) {
            throw ProblemException.invalidParameter(name, "must be at most " + maxLength + " characters");
        }
        return value;
    }
}
