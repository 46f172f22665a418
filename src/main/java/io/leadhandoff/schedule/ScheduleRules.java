package io.leadhandoff.schedule;

import io.leadhandoff.common.Problem.FieldError;
import io.leadhandoff.schedule.ScheduleViews.DatedPeriod;
import io.leadhandoff.schedule.WorkingCalendar.DatedSpan;
import io.leadhandoff.schedule.WorkingCalendar.Span;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks a schedule's definition, naming every offending field by its JSON pointer, and builds its {@link WorkingCalendar}. */
final class ScheduleRules {

    static final int MAX_INTERVALS_PER_DAY = 12;
    private static final Pattern TIME = Pattern.compile("([01]\\d|2[0-3]):([0-5]\\d)|24:00");

    private ScheduleRules() {
    }

    /** The calendar of a definition, or null after adding what is wrong with it to {@code errors}. */
    static WorkingCalendar calendar(String timeZone, ScheduleViews.Definition d, List<FieldError> errors) {
        int before = errors.size();
        ZoneId zone = zone(timeZone, errors);
        Map<DayOfWeek, List<Span>> weekly = new EnumMap<>(DayOfWeek.class);
        if (d.weekly() != null) {
            d.weekly().forEach((day, intervals) -> weekly(day, intervals, weekly, errors));
        }
        List<DatedSpan> holidays = dated("/holidays", d.holidays(), errors);
        List<DatedSpan> extras = dated("/extraPeriods", d.extraPeriods(), errors);
        return errors.size() > before ? null : new WorkingCalendar(zone, weekly, holidays, extras);
    }

    /** The calendar of a stored (already checked) definition. */
    static WorkingCalendar stored(String timeZone, ScheduleViews.Definition d) {
        List<FieldError> errors = new ArrayList<>();
        WorkingCalendar calendar = calendar(timeZone, d, errors);
        if (calendar == null) {
            throw new IllegalStateException("stored schedule does not check: " + errors);
        }
        return calendar;
    }

    private static ZoneId zone(String timeZone, List<FieldError> errors) {
        try {
            return ZoneId.of(timeZone);
        } catch (DateTimeException | NullPointerException e) {
            errors.add(FieldError.atPointer("/timeZone", "must be an IANA time zone such as Europe/Berlin"));
            return null;
        }
    }

    private static void weekly(String day, List<List<String>> intervals, Map<DayOfWeek, List<Span>> weekly, List<FieldError> errors) {
        String at = "/weekly/" + day;
        DayOfWeek dow;
        try {
            dow = DayOfWeek.valueOf(day);
        } catch (IllegalArgumentException e) {
            errors.add(FieldError.atPointer(at, "must be a weekday: MONDAY … SUNDAY"));
            return;
        }
        if (intervals == null) {
            return;
        }
        if (intervals.size() > MAX_INTERVALS_PER_DAY) {
            errors.add(FieldError.atPointer(at, "at most " + MAX_INTERVALS_PER_DAY + " intervals a day"));
            return;
        }
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < intervals.size(); i++) {
            List<String> pair = intervals.get(i);
            if (pair == null || pair.size() != 2) {
                errors.add(FieldError.atPointer(at + "/" + i, "must be a pair [\"HH:mm\", \"HH:mm\"]"));
                continue;
            }
            Integer from = minutes(pair.get(0), at + "/" + i + "/0", false, errors);
            Integer to = minutes(pair.get(1), at + "/" + i + "/1", true, errors);
            if (from != null && to != null) {
                if (from.equals(to)) {
                    errors.add(FieldError.atPointer(at + "/" + i, "must not start and end at the same time (use [\"00:00\", \"24:00\"] for a whole day)"));
                } else {
                    spans.add(new Span(from, to));
                }
            }
        }
        weekly.put(dow, spans);
    }

    private static List<DatedSpan> dated(String at, List<DatedPeriod> periods, List<FieldError> errors) {
        List<DatedSpan> out = new ArrayList<>();
        if (periods == null) {
            return out;
        }
        for (int i = 0; i < periods.size(); i++) {
            DatedPeriod p = periods.get(i);
            String here = at + "/" + i;
            if (p == null) {
                errors.add(FieldError.atPointer(here, "must be an object with a date"));
                continue;
            }
            LocalDate date = null;
            try {
                date = LocalDate.parse(p.date());
            } catch (DateTimeParseException | NullPointerException e) {
                errors.add(FieldError.atPointer(here + "/date", "must be a date, YYYY-MM-DD"));
            }
            if ((p.from() == null) != (p.to() == null)) {
                errors.add(FieldError.atPointer(here + (p.from() == null ? "/from" : "/to"), "from and to go together (both absent: the whole day)"));
                continue;
            }
            Integer from = p.from() == null ? Integer.valueOf(0) : minutes(p.from(), here + "/from", false, errors);
            Integer to = p.to() == null ? Integer.valueOf(WorkingCalendar.DAY) : minutes(p.to(), here + "/to", true, errors);
            if (from != null && to != null && to <= from) {
                errors.add(FieldError.atPointer(here + "/to", "must be after from (on the same date)"));
            } else if (date != null && from != null && to != null) {
                out.add(new DatedSpan(date, from, to));
            }
        }
        return out;
    }

    private static Integer minutes(String time, String at, boolean end, List<FieldError> errors) {
        Matcher m = time == null ? null : TIME.matcher(time);
        if (m == null || !m.matches() || (!end && "24:00".equals(time))) {
            errors.add(FieldError.atPointer(at, end ? "must be a local time HH:mm (00:00–24:00)" : "must be a local time HH:mm (00:00–23:59)"));
            return null;
        }
        return "24:00".equals(time) ? WorkingCalendar.DAY : Integer.parseInt(m.group(1)) * 60 + Integer.parseInt(m.group(2));
    }
}
