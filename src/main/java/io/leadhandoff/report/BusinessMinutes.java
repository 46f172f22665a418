package io.leadhandoff.report;

import io.leadhandoff.schedule.ScheduleService;
import io.leadhandoff.schedule.WorkingCalendar;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.query.NativeQuery;

/**
 * SLA times of queues with a schedule in business minutes of that schedule, with the wall-clock minutes beside them,
 * read from the leads of the window (the day aggregates hold wall-clock times only). Queues without a schedule keep
 * the aggregates' figures, business time being wall-clock time for them.
 */
@ApplicationScoped
public class BusinessMinutes {

    /** Most leads read for one report: beyond, the figures are those of the first leads of the window. */
    static final int MAX_LEADS = 100_000;

    /** One queue's figures, in minutes; nulls without data. */
    public record Figures(String scheduleId, Double medianBusinessToClaim, Double medianWallToClaim, Double p90BusinessToClaim,
                          Double p90WallToClaim, Double medianBusinessToVerdict, Double medianWallToVerdict) {

        /** A queue without a schedule: business minutes are wall-clock minutes (from the aggregates' seconds). */
        static Figures wallClock(Double medianSecondsToClaim, Double p90SecondsToClaim, Double medianSecondsToVerdict) {
            return new Figures(null, minutes(medianSecondsToClaim), minutes(medianSecondsToClaim), minutes(p90SecondsToClaim),
                    minutes(p90SecondsToClaim), minutes(medianSecondsToVerdict), minutes(medianSecondsToVerdict));
        }
    }

    private final EntityManager em;
    private final ScheduleService schedules;

    public BusinessMinutes(EntityManager em, ScheduleService schedules) {
        this.em = em;
        this.schedules = schedules;
    }

    /** One lead's queue, its queue's schedule, and when it was routed, first claimed and first judged. */
    private record Timing(String queueId, String scheduleId, Instant routed, Instant firstClaimed, Instant firstFeedback) {
    }

    /** Queue id → figures, for the queues with a schedule that had leads received in [from, to). */
    Map<String, Figures> of(Instant from, Instant to) {
        @SuppressWarnings("unchecked")
        List<Timing> rows = em.createNativeQuery("select l.queue_id, q.schedule_id, l.routed_at, l.first_claimed_at, l.first_feedback_at "
                        + "from lead l join sales_queue q on q.id = l.queue_id where l.created_at >= :from and l.created_at < :to "
                        + "and q.schedule_id is not null and l.routed_at is not null "
                        + "and (l.first_claimed_at is not null or l.first_feedback_at is not null) order by l.created_at")
                .setParameter("from", from).setParameter("to", to).setMaxResults(MAX_LEADS)
                .unwrap(NativeQuery.class)
                .setTupleTransformer((r, aliases) -> new Timing((String) r[0], (String) r[1], instant(r[2]), instant(r[3]), instant(r[4])))
                .getResultList();
        Map<String, Samples> byQueue = new HashMap<>();
        for (Timing t : rows) {
            Samples s = byQueue.computeIfAbsent(t.queueId(), q -> new Samples(t.scheduleId(), schedules.calendar(t.scheduleId())));
            s.add(t.routed(), t.firstClaimed(), s.toClaimBusiness, s.toClaimWall);
            s.add(t.routed(), t.firstFeedback(), s.toVerdictBusiness, s.toVerdictWall);
        }
        Map<String, Figures> out = new HashMap<>();
        byQueue.forEach((q, s) -> out.put(q, new Figures(s.scheduleId, pct(s.toClaimBusiness, 0.5), pct(s.toClaimWall, 0.5),
                pct(s.toClaimBusiness, 0.9), pct(s.toClaimWall, 0.9), pct(s.toVerdictBusiness, 0.5), pct(s.toVerdictWall, 0.5))));
        return out;
    }

    private static final class Samples {
        final String scheduleId;
        final WorkingCalendar calendar;
        final List<Double> toClaimBusiness = new ArrayList<>();
        final List<Double> toClaimWall = new ArrayList<>();
        final List<Double> toVerdictBusiness = new ArrayList<>();
        final List<Double> toVerdictWall = new ArrayList<>();

        Samples(String scheduleId, WorkingCalendar calendar) {
            this.scheduleId = scheduleId;
            this.calendar = calendar;
        }

        void add(Instant start, Instant end, List<Double> business, List<Double> wall) {
            if (start == null || end == null || end.isBefore(start)) {
                return;
            }
            business.add(calendar.between(start, end).toSeconds() / 60.0);
            wall.add(Duration.between(start, end).toSeconds() / 60.0);
        }
    }

    /** Nearest-rank percentile, rounded to a tenth of a minute; null without data. */
    private static Double pct(List<Double> values, double p) {
        if (values.isEmpty()) {
            return null;
        }
        Collections.sort(values);
        int rank = (int) Math.ceil(p * values.size());
        return Math.round(values.get(Math.max(0, rank - 1)) * 10) / 10.0;
    }

    private static Double minutes(Double seconds) {
        return seconds == null ? null : Math.round(seconds / 6.0) / 10.0;
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof LocalDateTime l) {
            return l.toInstant(ZoneOffset.UTC);
        }
        throw new IllegalStateException("not a time: " + value.getClass().getSimpleName());
    }
}
