package io.leadhandoff.routing;

import io.leadhandoff.write.Reads;

import io.leadhandoff.audit.AuditService;
import io.leadhandoff.common.Cursor;
import io.leadhandoff.common.Page;
import io.leadhandoff.common.Problem.FieldError;
import io.leadhandoff.common.ProblemException;
import io.leadhandoff.common.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import io.leadhandoff.schedule.ScheduleService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Sales queues: their settings, and which of them may be deleted. */
@ApplicationScoped
public class QueueService {

    private final EntityManager em;
    private final Clock clock;
    private final AuditService audit;
    private final RuleSetService ruleSets;
    private final ScheduleService schedules;

    private final Reads reads;

    public QueueService(EntityManager em, Clock clock, AuditService audit, RuleSetService ruleSets, ScheduleService schedules, Reads reads) {
        this.reads = reads;
        this.schedules = schedules;
        this.em = em;
        this.clock = clock;
        this.audit = audit;
        this.ruleSets = ruleSets;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public RoutingViews.QueueView createQueue(RoutingViews.QueueRequest request) {
        if (request.id() == null) {
            throw ProblemException.validation(List.of(FieldError.atPointer("/id", "is required")));
        }
        if (em.find(SalesQueue.class, request.id()) != null) {
            throw new ProblemException(ProblemType.CONFLICT, "Queue '" + request.id() + "' already exists");
        }
        SalesQueue q = new SalesQueue();
        q.id = request.id();
        q.createdAt = clock.instant();
        apply(q, request);
        em.persist(q);
        em.flush();
        audit.record("queue.created", "queue:" + q.id, null, view(q));
        return view(q);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public RoutingViews.QueueView updateQueue(String id, RoutingViews.QueueRequest request) {
        SalesQueue q = require(id);
        if (request.id() != null && !request.id().equals(id)) {
            throw ProblemException.validation(List.of(FieldError.atPointer("/id", "cannot change; it is " + id)));
        }
        RoutingViews.QueueView before = view(q);
        apply(q, request);
        audit.record("queue.updated", "queue:" + q.id, before, view(q));
        return view(q);
    }

    private void apply(SalesQueue q, RoutingViews.QueueRequest r) {
        if (r.overflowQueueId() != null && (r.overflowQueueId().equals(q.id) || em.find(SalesQueue.class, r.overflowQueueId()) == null)) {
            throw ProblemException.validation(List.of(FieldError.atPointer("/overflowQueueId", "must be another existing queue")));
        }
        if (r.scheduleId() != null && !schedules.exists(r.scheduleId())) {
            throw ProblemException.validation(List.of(FieldError.atPointer("/scheduleId", "must be an existing schedule")));
        }
        q.scheduleId = r.scheduleId();
        q.name = r.name();
        q.description = r.description();
        q.active = r.active() == null || r.active();
        q.assignmentMode = r.assignmentMode() == null ? AssignmentMode.PULL : r.assignmentMode();
        q.leaseSeconds = r.leaseSeconds() == null ? 900 : r.leaseSeconds();
        q.slaMinutes = r.slaMinutes();
        q.overflowQueueId = r.overflowQueueId();
        q.minScore = r.minScore();
        q.updatedAt = clock.instant();
    }

    public RoutingViews.QueueView getQueue(String id) {
        return view(require(id));
    }

    public Page<RoutingViews.QueueView> listQueues(String cursor, int limit, Set<String> visible) {
        String after = Cursor.decode(cursor);
        var query = em.createQuery("from SalesQueue q where (:after is null or q.id > :after)"
                        + (visible == null ? "" : " and q.id in :visible") + " order by q.id", SalesQueue.class)
                .setParameter("after", after).setMaxResults(limit + 1);
        if (visible != null) {
            query.setParameter("visible", visible);
        }
        List<SalesQueue> rows = query.getResultList();
        return Page.of(rows, limit, q -> q.id, this::view);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void deleteQueue(String id) {
        SalesQueue q = require(id);
        RuleSetDocument rules = ruleSets.activeDocument();
        boolean referenced = rules.defaultQueueId().equals(id) || rules.rules().stream().anyMatch(r -> r.queueId().equals(id))
                || !em.createQuery("from SalesQueue q where q.overflowQueueId = :id", SalesQueue.class).setParameter("id", id).getResultList().isEmpty()
                || !em.createNativeQuery("select id from lead where queue_id = :id and status in (:open)")
                .setParameter("id", id)
                .setParameter("open", List.of("QUEUED", "CLAIMED"))
                .setMaxResults(1).getResultList().isEmpty();
        if (referenced) {
            throw new ProblemException(ProblemType.CONFLICT,
                    "Queue '" + id + "' is in use (routing rules, an overflow setting, or leads waiting in it); deactivate it instead");
        }
        em.createNativeQuery("delete from member_time_off where queue_id = :id").setParameter("id", id).executeUpdate();
        em.createQuery("delete from QueueMember m where m.id.queueId = :id").setParameter("id", id).executeUpdate();
        audit.record("queue.deleted", "queue:" + id, view(q), null);
        em.remove(q);
    }

    /**
     * When a lead queued at {@code from} is due under the queue's SLA: its SLA minutes later in the queue's business time
     * (wall-clock time without a schedule); null when the queue has no SLA or its schedule never opens.
     */
    public Instant slaDueAt(String queueId, Instant from) {
        return reads.call(() -> {
            SalesQueue q = queueId == null ? null : em.find(SalesQueue.class, queueId);
            if (q == null || q.slaMinutes == null) {
                return null;
            }
            return schedules.calendar(q.scheduleId).plus(from, Duration.ofMinutes(q.slaMinutes)).orElse(null);
        });
    }

    /** Whether the queue's schedule is working time at {@code at}, and when it next opens or closes (always open without one). */
    public ScheduleService.Hours hours(String queueId, Instant at) {
        return reads.call(() -> {
            SalesQueue q = queueId == null ? null : em.find(SalesQueue.class, queueId);
            return schedules.hours(q == null ? null : q.scheduleId, at);
        });
    }

    /** The queue, or a 404 problem; in the caller's transaction. */
    SalesQueue require(String id) {
        SalesQueue q = id == null ? null : em.find(SalesQueue.class, id);
        if (q == null) {
            throw ProblemException.notFound("Queue", id);
        }
        return q;
    }

    private RoutingViews.QueueView view(SalesQueue q) {
        ScheduleService.Hours hours = schedules.hours(q.scheduleId, clock.instant());
        return new RoutingViews.QueueView(q.id, q.name, q.description, q.active, q.assignmentMode, q.leaseSeconds,
                q.slaMinutes, q.overflowQueueId, q.minScore, q.createdAt, q.updatedAt, q.scheduleId, hours.open(),
                hours.open() ? null : hours.next());
    }
}
