package io.leadhandoff.feedback;

import io.leadhandoff.write.AfterCommit;
import io.leadhandoff.audit.AuditService;
import io.leadhandoff.common.Cursor;
import io.leadhandoff.common.Ids;
import io.leadhandoff.common.Page;
import io.leadhandoff.common.Problem.FieldError;
import io.leadhandoff.common.ProblemException;
import io.leadhandoff.common.ProblemType;
import io.leadhandoff.lead.Lead;
import io.leadhandoff.lead.LeadChange;
import io.leadhandoff.lead.LeadHistory;
import io.leadhandoff.lead.LeadRepository;
import io.leadhandoff.lead.LeadStatus;
import io.leadhandoff.lead.LeadView;
import io.leadhandoff.lead.LeadViews;
import io.leadhandoff.security.Caller;
import io.leadhandoff.work.WorkService;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Records sales feedback. The lead row is locked first, so of two racing verdicts exactly one applies
 * and the other sees the new state and gets a 409. On a claimed lead the current lease token is
 * required, and the verdict ends the lease.
 */
@ApplicationScoped
public class FeedbackService {

    private final EntityManager em;
    private final LeadRepository leadRows;
    private final WorkService work;
    private final LeadViews leads;
    private final LeadHistory history;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final AuditService audit;
    private final AfterCommit afterCommit;


    public FeedbackService(EntityManager em, LeadRepository leadRows, WorkService work, LeadViews leads, LeadHistory history,
                           MeterRegistry metrics, Clock clock, AuditService audit, AfterCommit afterCommit) {
        this.afterCommit = afterCommit;
        this.audit = audit;
        this.em = em;
        this.leadRows = leadRows;
        this.work = work;
        this.leads = leads;
        this.history = history;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Checks everything before it changes the lead, so a refusal (a {@link ProblemException}) leaves the transaction
     * usable for the next verdict of a bulk request; the write path rolls back whatever escapes it.
     */
    @Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = ProblemException.class)
    public LeadView record(String leadId, FeedbackRequest request, Caller caller) {
        return leads.view(judge(leadId, request, caller));
    }

    /**
     * {@link #record} without the lead's view: a bulk verdict answers with the lead's new status only, and the view
     * (the score and routing explanations read back from JSON, the contact-quality checks) was most of a verdict's CPU.
     */
    @Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = ProblemException.class)
    public Lead judge(String leadId, FeedbackRequest request, Caller caller) {
        Outcome outcome = request.outcome();
        ReasonCode reason = checkReason(outcome, request);
        if (request.amount() != null && !outcome.takesAmount()) {
            throw ProblemException.validation(List.of(FieldError.atPointer("/amount", "is only taken with CONVERTED or WON")));
        }
        Lead lead;
        if (request.leaseToken() != null) {
            // fencing: a verdict sent under a lease speaks for that lease only; once it expired and someone
            // else claimed or judged the lead, the old holder's word is refused, whatever the state
            lead = work.held(leadId, request.leaseToken(), caller);
        } else {
            lead = leadRows.lockById(leadId);
            if (lead == null) {
                throw ProblemException.notFound("Lead", leadId);
            }
            caller.requireVisible(lead.queueId(), "Lead", leadId);
            if (lead.status() == LeadStatus.CLAIMED) {
                throw ProblemException.validation(List.of(FieldError.atPointer("/leaseToken", "is required while the lead is claimed")));
            }
        }
        LeadStatus from = lead.status();
        Instant now = clock.instant();
        LeadChange.Judged judged;
        try {
            // the lead owns its lifecycle: it refuses a verdict its status does not allow, before changing anything
            judged = lead.judge(outcome.target(), reason == null ? null : reason.code, request.amount(), request.repId(), now);
        } catch (Lead.VerdictRefused refused) {
            throw ProblemException.invalidTransition(refused.getMessage() + "; " + outcome + " follows "
                    + Lead.verdictFollows(outcome.target()).stream().map(LeadStatus::wire).sorted().collect(Collectors.joining(", ")),
                    from.wire());
        }
        LeadFeedback row = new LeadFeedback();
        row.id = Ids.next();
        row.leadId = lead.id();
        row.outcome = outcome;
        row.reason = reason == null ? null : reason.code;
        row.note = request.note();
        row.repId = request.repId();
        row.amount = request.amount();
        row.fromStatus = from.name();
        row.createdAt = now;
        em.persist(row);
        history.record(lead, judged, now);
        String reasonLabel = reason == null ? "none" : reason.code;
        // counted once the verdict commits: not for a group that is rolled back and written again one by one
        afterCommit.run(() -> metrics.counter("leadhandoff.feedback", "outcome", outcome.name(), "reason", reasonLabel).increment());
        return lead;
    }

    private ReasonCode checkReason(Outcome outcome, FeedbackRequest request) {
        if (request.reason() == null) {
            if (outcome.needsReason()) {
                throw ProblemException.validation(List.of(FieldError.atPointer("/reason", "is required for " + outcome)));
            }
            return null;
        }
        ReasonCode reason = em.find(ReasonCode.class, request.reason());
        if (reason == null) {
            throw ProblemException.validation(List.of(FieldError.atPointer("/reason",
                    "is not a reason code; see GET /api/v1/feedback/reasons")));
        }
        return reason;
    }

    public Page<ReasonViews.ReasonView> reasons(String cursor, int limit) {
        String after = Cursor.decode(cursor);
        List<ReasonCode> rows = em.createQuery("from ReasonCode r where (:after is null or r.code > :after) order by r.code", ReasonCode.class)
                .setParameter("after", after).setMaxResults(limit + 1).getResultList();
        return Page.of(rows, limit, r -> r.code, FeedbackService::view);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public ReasonViews.ReasonView addReason(ReasonViews.ReasonRequest request) {
        if (em.find(ReasonCode.class, request.code()) != null) {
            throw new ProblemException(ProblemType.CONFLICT, "Reason code " + request.code() + " exists");
        }
        ReasonCode r = new ReasonCode();
        r.code = request.code();
        r.label = request.label();
        r.training = request.training();
        r.builtIn = false;
        r.createdAt = clock.instant();
        em.persist(r);
        audit.record("reason-code.added", "reason-code:" + r.code, null, view(r));
        return view(r);
    }

    private static ReasonViews.ReasonView view(ReasonCode r) {
        return new ReasonViews.ReasonView(r.code, r.label, r.training, r.builtIn);
    }
}
