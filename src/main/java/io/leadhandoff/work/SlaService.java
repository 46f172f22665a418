package io.leadhandoff.work;

import io.leadhandoff.write.WritePath;
import io.leadhandoff.lead.Lead;
import io.leadhandoff.lead.LeadChange;
import io.leadhandoff.lead.LeadHistory;
import io.leadhandoff.lead.LeadRepository;
import io.leadhandoff.routing.Assigner;
import io.leadhandoff.routing.AssignmentMode;
import io.leadhandoff.routing.QueueService;
import io.leadhandoff.routing.RoutingService;
import io.leadhandoff.routing.RoutingViews;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Escalates leads not claimed within their queue's SLA, counted on the queue's clock (business time of its schedule):
 * the breach is recorded, then the lead goes to the next eligible rep on shift (round-robin and load-balanced queues)
 * or to the overflow queue while that one is open. A lead whose due time the queue's clock has since moved (a holiday
 * added, the SLA changed) is not breached: its due time moves. The leads are
 * taken with SKIP LOCKED and their due time moves on in the same transaction, so with any number of
 * replicas running the job, one breach is escalated exactly once.
 */
@ApplicationScoped
public class SlaService {

    private final LeadRepository leads;
    private final RoutingService routing;
    private final QueueService queues;
    private final LeadHistory history;
    private final WorkMetrics metrics;
    private final WritePath writes;


    public SlaService(LeadRepository leads, RoutingService routing, QueueService queues, LeadHistory history, WorkMetrics metrics, WritePath writes) {
        this.writes = writes;
        this.leads = leads;
        this.routing = routing;
        this.queues = queues;
        this.history = history;
        this.metrics = metrics;
    }

    /** One step of the SLA job, in a transaction of its own run by the write path's runner. */
    public int escalate(Instant now, int max) {
        return writes.job(WorkJobs.STEP, () -> escalateDue(now, max));
    }

    private int escalateDue(Instant now, int max) {
        List<Lead> due = leads.lock("select id from lead where status = 'QUEUED' and sla_due_at < :now "
                + "order by sla_due_at limit :n for update skip locked", Map.of("now", now, "n", max));
        due.forEach(lead -> escalate(lead, now));
        return due.size();
    }

    private void escalate(Lead lead, Instant now) {
        Instant due = queues.slaDueAt(lead.queueId(), lead.queuedAt());
        if (due == null || due.isAfter(now)) {
            // by the queue's clock as it is now the lead is not late: a holiday was added, the SLA changed or went
            lead.rescheduleSla(due);
            return;
        }
        RoutingViews.QueueView queue = queues.getQueue(lead.queueId());
        history.record(lead, lead.breachSla(), now);
        metrics.slaBreached(lead.queueId());

        String fromRep = lead.ownerRepId();
        Optional<Assigner.Pick> pick = queue.assignmentMode() == AssignmentMode.PULL ? Optional.empty()
                : routing.reassign(queue.id(), fromRep, lead.id() + ":" + lead.slaBreaches());
        RoutingViews.QueueView target = queue;
        if (pick.isEmpty() && queue.overflowQueueId() != null && queues.hours(queue.overflowQueueId(), now).open()) {
            target = queues.getQueue(queue.overflowQueueId());
            pick = target.assignmentMode() == AssignmentMode.PULL ? Optional.empty()
                    : routing.reassign(target.id(), fromRep, lead.id() + ":" + lead.slaBreaches());
        }
        LeadChange.Escalated escalated = pick.isEmpty() && target == queue
                ? lead.escalate(null, null, null, now)
                : lead.escalate(target.id(), pick.map(Assigner.Pick::repId).orElse(null), queues.slaDueAt(target.id(), now), now);
        history.record(lead, escalated, now);
    }
}
