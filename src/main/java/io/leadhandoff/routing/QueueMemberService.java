package io.leadhandoff.routing;

import io.leadhandoff.audit.AuditService;
import io.leadhandoff.common.Cursor;
import io.leadhandoff.common.Page;
import io.leadhandoff.common.Problem.FieldError;
import io.leadhandoff.common.ProblemException;
import io.leadhandoff.schedule.ScheduleService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** The reps of a queue: weight, limits, availability, and how much more each may take. */
@ApplicationScoped
public class QueueMemberService {

    private final EntityManager em;
    private final Clock clock;
    private final AuditService audit;
    private final QueueService queues;
    private final OpenLeadCounts openLeads;
    private final ScheduleService schedules;

    public QueueMemberService(EntityManager em, Clock clock, AuditService audit, QueueService queues, OpenLeadCounts openLeads,
                              ScheduleService schedules) {
        this.schedules = schedules;
        this.em = em;
        this.clock = clock;
        this.audit = audit;
        this.queues = queues;
        this.openLeads = openLeads;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public RoutingViews.MemberView putMember(String queueId, String repId, RoutingViews.MemberRequest r) {
        SalesQueue queue = queues.require(queueId);
        if (repId == null || repId.isBlank() || repId.length() > 128) {
            throw ProblemException.notFound("Member", repId);
        }
        if (r.scheduleId() != null && !schedules.exists(r.scheduleId())) {
            throw ProblemException.validation(List.of(FieldError.atPointer("/scheduleId", "must be an existing schedule")));
        }
        QueueMember m = em.find(QueueMember.class, new QueueMember.Key(queueId, repId));
        RoutingViews.MemberView before = m == null ? null : view(m, Map.of());
        Instant now = clock.instant();
        MemberStatus status = r.status() == null ? MemberStatus.ACTIVE : r.status();
        if (m == null) {
            m = new QueueMember();
            m.id = new QueueMember.Key(queueId, repId);
            m.createdAt = now;
            // a newcomer joins at the queue's current virtual time: no backlog of "owed" leads
            m.pointer = queue.virtualTime;
        } else if (m.status != MemberStatus.ACTIVE && status == MemberStatus.ACTIVE) {
            m.pointer = Math.max(m.pointer, queue.virtualTime);
        }
        m.weight = r.weight() == null ? 1 : r.weight();
        m.maxOpen = r.maxOpen();
        m.maxPerDay = r.maxPerDay();
        m.status = status == MemberStatus.PAUSED ? MemberStatus.PAUSED : MemberStatus.ACTIVE;
        m.scheduleId = r.scheduleId();
        m.timeOff.clear();
        m.timeOff.addAll(timeOff(r, now));
        m.updatedAt = now;
        if (!em.contains(m)) {
            em.persist(m);
        }
        em.flush();
        RoutingViews.MemberView after = view(m, openLeads.ofMembers(queueId));
        audit.record(before == null ? "member.added" : "member.updated", "queue:" + queueId + "/member:" + repId, before, after);
        return after;
    }

    public RoutingViews.MemberView getMember(String queueId, String repId) {
        queues.require(queueId);
        return view(member(queueId, repId), openLeads.ofMembers(queueId));
    }

    public Page<RoutingViews.MemberView> listMembers(String queueId, String cursor, int limit) {
        queues.require(queueId);
        String after = Cursor.decode(cursor);
        List<QueueMember> rows = em.createQuery("from QueueMember m where m.id.queueId = :q and (:after is null or m.id.repId > :after) "
                        + "order by m.id.repId", QueueMember.class)
                .setParameter("q", queueId).setParameter("after", after).setMaxResults(limit + 1).getResultList();
        Map<String, Integer> open = openLeads.ofMembers(queueId);
        return Page.of(rows, limit, m -> m.id.repId(), m -> view(m, open));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void deleteMember(String queueId, String repId) {
        queues.require(queueId);
        QueueMember m = member(queueId, repId);
        audit.record("member.removed", "queue:" + queueId + "/member:" + repId, view(m, Map.of()), null);
        em.remove(m);
    }

    /**
     * How many more leads a rep may take from a queue, at most {@code wanted}: what its {@code maxOpen}
     * leaves (counted only when it has one); empty when the rep is not a member.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public OptionalInt room(String queueId, String repId, int wanted) {
        QueueMember m = em.find(QueueMember.class, new QueueMember.Key(queueId, repId));
        if (m == null) {
            return OptionalInt.empty();
        }
        if (m.maxOpen == null) {
            return OptionalInt.of(wanted);
        }
        int open = openLeads.of(queueId, List.of(repId)).getOrDefault(repId, 0);
        return OptionalInt.of(Math.min(wanted, Math.max(0, m.maxOpen - open)));
    }

    /** The request's out-of-office periods, plus "away (until …)" as one starting now. */
    private static List<TimeOff> timeOff(RoutingViews.MemberRequest r, Instant now) {
        List<TimeOff> periods = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        List<RoutingViews.OutOfOffice> requested = r.outOfOffice() == null ? List.of() : r.outOfOffice();
        for (int i = 0; i < requested.size(); i++) {
            RoutingViews.OutOfOffice p = requested.get(i);
            if (p == null) {
                errors.add(FieldError.atPointer("/outOfOffice/" + i, "must be an object"));
            } else if (p.from() != null && p.until() != null && !p.until().isAfter(p.from())) {
                errors.add(FieldError.atPointer("/outOfOffice/" + i + "/until", "must be after from"));
            } else {
                periods.add(new TimeOff(p.from(), p.until()));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        if (r.status() == MemberStatus.AWAY && (r.awayUntil() == null || r.awayUntil().isAfter(now))) {
            periods.add(new TimeOff(now, r.awayUntil()));
        }
        return periods;
    }

    private QueueMember member(String queueId, String repId) {
        QueueMember m = em.find(QueueMember.class, new QueueMember.Key(queueId, repId));
        if (m == null) {
            throw ProblemException.notFound("Member of queue " + queueId, repId);
        }
        return m;
    }

    private RoutingViews.MemberView view(QueueMember m, Map<String, Integer> open) {
        Instant now = clock.instant();
        TimeOff away = m.awayAt(now);
        MemberStatus status = m.status == MemberStatus.PAUSED ? MemberStatus.PAUSED : away != null ? MemberStatus.AWAY : MemberStatus.ACTIVE;
        return new RoutingViews.MemberView(m.id.queueId(), m.id.repId(), m.weight, m.maxOpen, m.maxPerDay, status,
                away == null ? null : away.until(), open.getOrDefault(m.id.repId(), 0), m.assignedOn(LocalDate.ofInstant(now, ZoneOffset.UTC)),
                m.lastAssignedAt, m.scheduleId, schedules.hours(m.scheduleId, now).open(),
                m.timeOff.stream().map(t -> new RoutingViews.OutOfOffice(t.from(), t.until())).toList());
    }
}
