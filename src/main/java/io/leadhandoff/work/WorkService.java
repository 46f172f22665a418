package io.leadhandoff.work;

import io.leadhandoff.write.WritePath;
import io.leadhandoff.common.ProblemException;
import io.leadhandoff.common.ProblemType;
import io.leadhandoff.lead.Lead;
import io.leadhandoff.lead.LeadHistory;
import io.leadhandoff.lead.LeadRepository;
import io.leadhandoff.lead.LeadStatus;
import io.leadhandoff.lead.LeadViews;
import io.leadhandoff.routing.QueueMemberService;
import io.leadhandoff.routing.QueueService;
import io.leadhandoff.security.Caller;
import io.leadhandoff.routing.RoutingViews;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Claims and leases. A claim locks ready leads with {@code SELECT … FOR UPDATE SKIP LOCKED}, so any
 * number of claimers on any number of replicas take disjoint leads without waiting on each other. A
 * lease is fenced by a random token: release, extension and feedback need the current token, so a
 * client whose lease expired cannot overwrite a newer claim. With {@code lead-handoff.work.claim-spread} above 1,
 * unassigned leads are taken from a random choice among the best ones ({@link ClaimSpread}), for Galera multi-writer.
 */
@ApplicationScoped
public class WorkService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final EntityManager em;
    private final LeadRepository leadRows;
    private final QueueService queues;
    private final QueueMemberService members;
    private final LeadViews leads;
    private final LeadHistory history;
    private final WorkMetrics metrics;
    private final Clock clock;
    private final int spread;

    private final WritePath writes;

    public WorkService(EntityManager em, LeadRepository leadRows, QueueService queues, QueueMemberService members, LeadViews leads, LeadHistory history,
                       WorkMetrics metrics, Clock clock, WritePath writes,
                       WorkConfig config) {
        this.em = em;
        this.leadRows = leadRows;
        this.queues = queues;
        this.members = members;
        this.leads = leads;
        this.history = history;
        this.metrics = metrics;
        this.clock = clock;
        this.spread = config.claimSpread();
        this.writes = writes;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public WorkViews.ClaimResult claim(String queueId, WorkViews.ClaimRequest request) {
        RoutingViews.QueueView queue = queues.getQueue(queueId);
        int room = members.room(queueId, request.repId(), request.count())
                .orElseThrow(() -> new ProblemException(ProblemType.FORBIDDEN,
                        "Rep '" + request.repId() + "' is not a member of queue '" + queueId + "'"));
        Instant now = clock.instant();
        int leaseSeconds = request.leaseSeconds() == null ? queue.leaseSeconds() : request.leaseSeconds();
        List<Lead> picked = new ArrayList<>();
        if (room > 0) {
            picked.addAll(lockReady(queueId, request.repId(), room));
        }
        if (picked.size() < room) {
            picked.addAll(lockExpired(queueId, room - picked.size(), now));
        }
        List<WorkViews.Claimed> claimed = new ArrayList<>();
        for (Lead lead : picked) {
            if (lead.status() == LeadStatus.CLAIMED) {
                expire(lead, now);
            }
            history.record(lead, lead.claim(request.repId(), newToken(), now.plusSeconds(leaseSeconds), now), now);
            claimed.add(new WorkViews.Claimed(lead.leaseToken(), lead.leaseExpiresAt(), leads.view(lead)));
        }
        metrics.claimed(queueId, claimed.size());
        return new WorkViews.ClaimResult(claimed);
    }

    /**
     * Ready leads: queued in this queue, unassigned or assigned to this rep. Two passes keep each one
     * an index range scan on (queue_id, status, score_total, queued_at): the rep's own first.
     */
    private List<Lead> lockReady(String queueId, String repId, int count) {
        List<Lead> own = lock("select id from lead where queue_id = :q and status = 'QUEUED' and owner_rep_id = :rep "
                + "order by score_total desc, queued_at asc limit :n for update skip locked", queueId, repId, count, null);
        if (own.size() >= count) {
            return own;
        }
        List<Lead> all = new ArrayList<>(own);
        all.addAll(spread > 1 ? lockSpread(queueId, count - own.size())
                : lock(UNASSIGNED + " limit :n for update skip locked", queueId, null, count - own.size(), null));
        return all;
    }

    private static final String UNASSIGNED = "select id from lead where queue_id = :q and status = 'QUEUED' and owner_rep_id is null "
            + "order by score_total desc, queued_at asc";

    /**
     * A random choice among the best unassigned leads, locked; topped up from the best ones when some of the choice
     * was taken meanwhile. The candidates are read without locks: the locking read by id checks them again.
     */
    private List<Lead> lockSpread(String queueId, int count) {
        @SuppressWarnings("unchecked")
        List<String> candidates = em.createNativeQuery(UNASSIGNED + " limit :n").setParameter("q", queueId)
                .setParameter("n", ClaimSpread.candidates(count, spread)).getResultList();
        List<String> chosen = ClaimSpread.pick(candidates, count, ThreadLocalRandom.current());
        if (chosen.isEmpty()) {
            return List.of();
        }
        List<Lead> locked = new ArrayList<>(leadRows.lock("select id from lead where id in (:ids) and queue_id = :q and status = 'QUEUED' "
                + "and owner_rep_id is null order by score_total desc, queued_at asc for update skip locked", Map.of("ids", chosen, "q", queueId)));
        if (locked.size() < count) {
            Map<String, Object> parameters = new HashMap<>(Map.of("q", queueId, "n", count - locked.size(),
                    "taken", locked.isEmpty() ? List.of("") : locked.stream().map(Lead::id).toList()));
            locked.addAll(leadRows.lock("select id from lead where queue_id = :q and status = 'QUEUED' and owner_rep_id is null "
                    + "and id not in (:taken) order by score_total desc, queued_at asc limit :n for update skip locked", parameters));
        }
        return locked;
    }

    /** Claimed leads whose lease ran out: claimable again, evaluated right here without a timer. */
    private List<Lead> lockExpired(String queueId, int count, Instant now) {
        return lock("select id from lead where queue_id = :q and status = 'CLAIMED' and lease_expires_at < :now "
                + "order by score_total desc, queued_at asc limit :n for update skip locked", queueId, null, count, now);
    }

    private List<Lead> lock(String sql, String queueId, String repId, int count, Instant now) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("q", queueId);
        parameters.put("n", count);
        if (repId != null) {
            parameters.put("rep", repId);
        }
        if (now != null) {
            parameters.put("now", now);
        }
        return leadRows.lock(sql, parameters);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void release(String leadId, String token, Caller caller) {
        Lead lead = held(leadId, token, caller);
        Instant now = clock.instant();
        history.record(lead, lead.release(queues.slaDueAt(lead.queueId(), now), now), now);
        metrics.released(lead.queueId());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public WorkViews.Claimed extend(String leadId, String token, int leaseSeconds, Caller caller) {
        Lead lead = held(leadId, token, caller);
        Instant now = clock.instant();
        history.record(lead, lead.extendLease(now.plusSeconds(leaseSeconds), now), now);
        return new WorkViews.Claimed(lead.leaseToken(), lead.leaseExpiresAt(), leads.view(lead));
    }

    /**
     * The lead, locked, if {@code token} is its current, unexpired lease; otherwise a 409 lease-lost.
     * Used by release, extension and feedback; a refusal changes nothing and leaves the transaction usable.
     */
    @Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = ProblemException.class)
    public Lead held(String leadId, String token, Caller caller) {
        Lead lead = leadRows.lockById(leadId);
        if (lead == null) {
            throw ProblemException.notFound("Lead", leadId);
        }
        caller.requireVisible(lead.queueId(), "Lead", leadId);
        if (!lead.isLeasedWith(token, clock.instant())) {
            throw new ProblemException(ProblemType.LEASE_LOST,
                    "This lease is not (or no longer) the current one for lead " + leadId + "; claim it again", List.of(),
                    lead.status().wire());
        }
        return lead;
    }

    /** Records that a lease ran out and puts the lead back in its queue (an SLA miss for that rep). */
    void expire(Lead lead, Instant now) {
        history.record(lead, lead.expireLease(queues.slaDueAt(lead.queueId(), now), now), now);
        metrics.leaseExpired(lead.queueId());
    }

    /**
     * Returns expired leases to their queues; bounded, and safe on every replica at once (SKIP LOCKED). One step of the
     * sweeper, in a transaction of its own run by the write path's runner.
     */
    public int expireLeases(Instant now, int max) {
        return writes.job(WorkJobs.STEP, () -> expireDue(now, max));
    }

    private int expireDue(Instant now, int max) {
        List<Lead> expired = leadRows.lock("select id from lead where status = 'CLAIMED' and lease_expires_at < :now "
                + "order by lease_expires_at limit :n for update skip locked", Map.of("now", now, "n", max));
        expired.forEach(l -> expire(l, now));
        return expired.size();
    }

    static String newToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

}
