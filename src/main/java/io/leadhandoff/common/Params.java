package io.leadhandoff.common;

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
