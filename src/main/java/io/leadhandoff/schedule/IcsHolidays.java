package io.leadhandoff.schedule;

import io.leadhandoff.common.Problem.FieldError;
import io.leadhandoff.common.ProblemException;
import io.leadhandoff.common.ProblemType;
import io.leadhandoff.schedule.ScheduleViews.DatedPeriod;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DateProperty;

/**
 * Holidays from an iCalendar body (RFC 5545), parsed by ical4j: an all-day event closes each of its dates, a timed
 * event closes its hours, split by local date in the schedule's zone. Recurrence rules are not expanded (holiday
 * calendars publish each year's dates as events of their own).
 */
final class IcsHolidays {

    /** Longest event taken, in days: a holiday calendar has no event longer. */
    static final int MAX_EVENT_DAYS = 366;

    /** What a calendar held: its events and the holidays they make. */
    record Parsed(int events, List<DatedPeriod> holidays) {
    }

    private IcsHolidays() {
    }

    /** The holidays of {@code ics}, local to {@code zone}; a 422 problem naming the line when it does not parse. */
    static Parsed parse(String ics, ZoneId zone) {
        Calendar calendar;
        try {
            calendar = new CalendarBuilder().build(new StringReader(ics));
        } catch (ParserException e) {
            throw malformed("The iCalendar body is not valid at line " + e.getLineNo(), "line " + e.getLineNo()
                    + ": not valid iCalendar (expected a NAME:value line, or BEGIN/END of a component)");
        } catch (IOException | RuntimeException e) {
            throw malformed("The iCalendar body is not valid", "not valid iCalendar");
        }
        List<DatedPeriod> out = new ArrayList<>();
        int events = 0;
        for (Object component : calendar.getComponents()) {
            if (!(component instanceof VEvent event)) {
                continue;
            }
            events++;
            String name = event.getProperty(Property.SUMMARY).map(Property::getValue).map(IcsHolidays::trim).orElse(null);
            Optional<? extends DateProperty<Temporal>> start = event.getStartDate();
            Optional<? extends DateProperty<Temporal>> end = event.getEndDate(true);
            if (start.isEmpty()) {
                continue;
            }
            Temporal from = start.get().getDate();
            Temporal to = end.map(DateProperty::getDate).orElse(null);
            if (from instanceof LocalDate day) {
                LocalDate last = to instanceof LocalDate d && d.isAfter(day) ? d : day.plusDays(1);
                for (LocalDate d = day; d.isBefore(last) && d.isBefore(day.plusDays(MAX_EVENT_DAYS)); d = d.plusDays(1)) {
                    out.add(new DatedPeriod(d.toString(), null, null, name));
                }
            } else if (to != null) {
                timed(instant(from, zone), instant(to, zone), zone, name, out);
            }
        }
        return new Parsed(events, out);
    }

    private static void timed(Instant from, Instant to, ZoneId zone, String name, List<DatedPeriod> out) {
        if (from == null || to == null || !to.isAfter(from)) {
            return;
        }
        LocalDateTime a = LocalDateTime.ofInstant(from, zone);
        LocalDateTime b = LocalDateTime.ofInstant(to, zone);
        for (LocalDate d = a.toLocalDate(); !d.isAfter(b.toLocalDate()) && d.isBefore(a.toLocalDate().plusDays(MAX_EVENT_DAYS)); d = d.plusDays(1)) {
            String start = d.equals(a.toLocalDate()) ? hhmm(a) : "00:00";
            String end = d.equals(b.toLocalDate()) ? hhmm(b) : "24:00";
            if (start.compareTo(end) < 0) {
                out.add(new DatedPeriod(d.toString(), start, end, name));
            }
        }
    }

    private static Instant instant(Temporal t, ZoneId zone) {
        if (t instanceof Instant i) {
            return i;
        }
        if (t instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (t instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (t instanceof LocalDateTime floating) {
            return floating.atZone(zone).toInstant();
        }
        return null;
    }

    private static String hhmm(LocalDateTime t) {
        return String.format("%02d:%02d", t.getHour(), t.getMinute());
    }

    private static String trim(String s) {
        return s.length() > 200 ? s.substring(0, 200) : s;
    }

    private static ProblemException malformed(String detail, String message) {
        return new ProblemException(ProblemType.VALIDATION, detail, List.of(FieldError.atPointer("", message)), null);
    }
}
