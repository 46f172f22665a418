package io.leadhandoff.schedule;

import io.leadhandoff.write.Reads;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhandoff.audit.AuditService;
import io.leadhandoff.common.Cursor;
import io.leadhandoff.common.Page;
import io.leadhandoff.common.Problem.FieldError;
import io.leadhandoff.common.ProblemException;
import io.leadhandoff.common.ProblemType;
import io.leadhandoff.schedule.ScheduleViews.DatedPeriod;
import io.leadhandoff.schedule.ScheduleViews.Definition;
import io.leadhandoff.schedule.ScheduleViews.ScheduleRequest;
import io.leadhandoff.schedule.ScheduleViews.ScheduleView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Schedules: their definitions, holiday imports, and the {@link WorkingCalendar} of each for SLA clocks and shifts.
 * Calendars are cached by id and last change, so a replica sees another's edit on its next read of the row.
 */
@ApplicationScoped
public class ScheduleService {

    private record Cached(Instant updatedAt, WorkingCalendar calendar) {
    }

    private final EntityManager em;
    private final Clock clock;
    private final AuditService audit;
    private final ObjectMapper mapper;
    private final Map<String, Cached> calendars = new ConcurrentHashMap<>();

    private final Reads reads;

    public ScheduleService(EntityManager em, Clock clock, AuditService audit, ObjectMapper mapper, Reads reads) {
        this.reads = reads;
        this.em = em;
        this.clock = clock;
        this.audit = audit;
        this.mapper = mapper;
    }

    @Transactional(TxType.MANDATORY)
    public ScheduleView create(ScheduleRequest request) {
        if (request.id() == null) {
            throw ProblemException.validation(List.of(FieldError.atPointer("/id", "is required")));
        }
        if (em.find(Schedule.class, request.id()) != null) {
            throw new ProblemException(ProblemType.CONFLICT, "Schedule '" + request.id() + "' already exists");
        }
        Schedule s = new Schedule();
        s.id = request.id();
        s.createdAt = clock.instant();
        apply(s, request);
        em.persist(s);
        audit.record("schedule.created", "schedule:" + s.id, null, view(s));
        return view(s);
    }

    @Transactional(TxType.MANDATORY)
    public ScheduleView update(String id, ScheduleRequest request) {
        Schedule s = require(id);
        if (request.id() != null && !request.id().equals(id)) {
            throw ProblemException.validation(List.of(FieldError.atPointer("/id", "cannot change; it is " + id)));
        }
        ScheduleView before = view(s);
        apply(s, request);
        audit.record("schedule.updated", "schedule:" + id, before, view(s));
        return view(s);
    }

    /** Adds the holidays of an iCalendar body to the schedule's (dates and hours already listed are not repeated). */
    @Transactional(TxType.MANDATORY)
    public ScheduleViews.HolidayImport importHolidays(String id, String ics) {
        Schedule s = require(id);
        IcsHolidays.Parsed parsed = IcsHolidays.parse(ics == null ? "" : ics, ZoneId.of(s.timeZone));
        Definition d = definition(s);
        Set<String> known = new LinkedHashSet<>();
        List<DatedPeriod> holidays = new ArrayList<>(d.holidays() == null ? List.of() : d.holidays());
        holidays.forEach(h -> known.add(key(h)));
        int added = 0;
        for (DatedPeriod h : parsed.holidays()) {
            if (known.add(key(h))) {
                holidays.add(h);
                added++;
            }
        }
        if (holidays.size() > 1000) {
            throw ProblemException.validation(List.of(FieldError.atPointer("", "a schedule holds at most 1,000 holidays; this import would make "
                    + holidays.size())));
        }
        ScheduleView before = view(s);
        ScheduleRequest merged = new ScheduleRequest(s.id, s.name, s.timeZone, d.weekly(), holidays, d.extraPeriods());
        apply(s, merged);
        audit.record("schedule.holidays_imported", "schedule:" + id, before, view(s));
        return new ScheduleViews.HolidayImport(added, parsed.events(), view(s));
    }

    @Transactional(TxType.MANDATORY)
    public void delete(String id) {
        Schedule s = require(id);
        boolean used = !em.createNativeQuery("select id from sales_queue where schedule_id = :id").setParameter("id", id)
                .setMaxResults(1).getResultList().isEmpty()
                || !em.createNativeQuery("select rep_id from queue_member where schedule_id = :id").setParameter("id", id)
                .setMaxResults(1).getResultList().isEmpty();
        if (used) {
            throw new ProblemException(ProblemType.CONFLICT, "Schedule '" + id + "' is used by a queue or a queue member");
        }
        audit.record("schedule.deleted", "schedule:" + id, view(s), null);
        em.remove(s);
        calendars.remove(id);
    }

    public ScheduleView get(String id) {
        return reads.call(() -> {
            return view(require(id));
        });
    }

    public Page<ScheduleView> list(String cursor, int limit) {
        return reads.call(() -> {
            String after = Cursor.decode(cursor);
            List<Schedule> rows = em.createQuery("from Schedule s where (:after is null or s.id > :after) order by s.id", Schedule.class)
                    .setParameter("after", after).setMaxResults(limit + 1).getResultList();
            return Page.of(rows, limit, s -> s.id, this::view);
        });
    }

    /** Whether a schedule of this id exists (for references from queues and members). */
    public boolean exists(String id) {
        return reads.call(() -> {
            return id != null && em.find(Schedule.class, id) != null;
        });
    }

    /** The business-time calendar of a schedule; open around the clock for a null id or a schedule since deleted. */
    public WorkingCalendar calendar(String id) {
        return reads.call(() -> {
            if (id == null) {
                return WorkingCalendar.always();
            }
            Schedule s = em.find(Schedule.class, id);
            if (s == null) {
                return WorkingCalendar.always();
            }
            Cached cached = calendars.get(id);
            if (cached == null || !cached.updatedAt().equals(s.updatedAt)) {
                cached = new Cached(s.updatedAt, ScheduleRules.stored(s.timeZone, definition(s)));
                calendars.put(id, cached);
            }
            return cached.calendar();
        });
    }

    /** Whether a schedule is working time at {@code at}, and in words when it opens or closes next (local time). */
    public record Hours(boolean open, String text, Instant next) {
    }

    /** The schedule's state at {@code at}; always open, with no words, for a null id. */
    public Hours hours(String id, Instant at) {
        return reads.call(() -> {
            if (id == null) {
                return new Hours(true, null, null);
            }
            WorkingCalendar calendar = calendar(id);
            ZoneId zone = zone(id);
            if (calendar.isOpen(at)) {
                Optional<Instant> closes = calendar.closesAt(at);
                return new Hours(true, "open (schedule " + id + closes.map(t -> " until " + local(t, zone)).orElse("") + ")", closes.orElse(null));
            }
            Optional<Instant> opens = calendar.nextOpening(at);
            return new Hours(false, "closed (schedule " + id + opens.map(t -> " opens " + local(t, zone)).orElse(" does not open") + ")",
                    opens.orElse(null));
        });
    }

    /** A local date and time with its zone, e.g. {@code 2026-12-07T09:00 Europe/Berlin}. */
    public static String local(Instant t, ZoneId zone) {
        return LocalDateTime.ofInstant(t, zone) + " " + zone.getId();
    }

    /** The schedule's zone, for showing its local times; UTC for none. */
    public ZoneId zone(String id) {
        return reads.call(() -> {
            Schedule s = id == null ? null : em.find(Schedule.class, id);
            return s == null ? ZoneId.of("UTC") : ZoneId.of(s.timeZone);
        });
    }

    private void apply(Schedule s, ScheduleRequest r) {
        Definition d = new Definition(r.weekly() == null ? Map.of() : r.weekly(), r.holidays() == null ? List.of() : r.holidays(),
                r.extraPeriods() == null ? List.of() : r.extraPeriods());
        List<FieldError> errors = new ArrayList<>();
        ScheduleRules.calendar(r.timeZone(), d, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        s.name = r.name();
        s.timeZone = ZoneId.of(r.timeZone()).getId();
        s.definition = write(d);
        // a new instant even within the same clock tick, so cached calendars see the change
        Instant now = clock.instant();
        s.updatedAt = s.updatedAt != null && !now.isAfter(s.updatedAt) ? s.updatedAt.plusNanos(1000) : now;
    }

    private Schedule require(String id) {
        Schedule s = id == null ? null : em.find(Schedule.class, id);
        if (s == null) {
            throw ProblemException.notFound("Schedule", id);
        }
        return s;
    }

    private ScheduleView view(Schedule s) {
        Definition d = definition(s);
        Instant now = clock.instant();
        WorkingCalendar calendar = ScheduleRules.stored(s.timeZone, d);
        Optional<Instant> next = calendar.nextOpening(now);
        return new ScheduleView(s.id, s.name, s.timeZone, d.weekly(), d.holidays(), d.extraPeriods(), calendar.isOpen(now),
                next.orElse(null), next.map(t -> LocalDateTime.ofInstant(t, ZoneId.of(s.timeZone)).toString()).orElse(null),
                s.createdAt, s.updatedAt);
    }

    private Definition definition(Schedule s) {
        try {
            return mapper.readValue(s.definition, Definition.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String write(Definition d) {
        try {
            return mapper.writeValueAsString(d);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String key(DatedPeriod h) {
        return h.date() + "/" + h.from() + "/" + h.to();
    }
}
