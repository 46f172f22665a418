package io.leadhandoff.routing;

import io.leadhandoff.write.Reads;
import io.leadhandoff.condition.Facts;
import io.leadhandoff.schedule.ScheduleService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Routing itself: matches a lead to an account (from this replica's {@link AccountIndexHolder}) or a rule's queue and picks a rep. Fairness state (member
 * pointers, queue virtual time, daily counts) lives in the database and is updated under a row lock on
 * the queue, so any number of replicas assign as one.
 */
@ApplicationScoped
public class RoutingService {

    private static final Object MEMO = new Object();

    private final EntityManager em;
    private final Clock clock;
    private final RuleSetService ruleSets;
    private final OpenLeadCounts openLeads;
    private final TransactionSynchronizationRegistry transactions;
    private final ScheduleService schedules;

    private final AccountIndexHolder accounts;

    /**
     * What routing read in the current transaction: a batch of leads reads each queue's members once.
     * The members are managed entities, so picks made in the transaction are in them; queue locks are
     * taken once and held to the end.
     */
    private static final class Memo {
        final Map<String, List<QueueMember>> members = new HashMap<>();
        final Set<String> lockedQueues = new HashSet<>();
    }
    private final Reads reads;


    public RoutingService(EntityManager em, Clock clock, RuleSetService ruleSets, OpenLeadCounts openLeads,
                          TransactionSynchronizationRegistry transactions, AccountIndexHolder accounts,
                          ScheduleService schedules, Reads reads) {
        this.reads = reads;
        this.accounts = accounts;
        this.schedules = schedules;
        this.em = em;
        this.clock = clock;
        this.ruleSets = ruleSets;
        this.openLeads = openLeads;
        this.transactions = transactions;
    }

    /**
     * Routes a scored lead with {@code rules} (the {@link RuleSetService#activeRules()} the caller read
     * once for its transaction) and stores the fairness state of the pick. {@code account} is the lead as
     * account matching sees it; the decision carries what matching found.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Router.Outcome route(Router.CompiledRuleSet rules, Facts facts, int scoreTotal, AccountMatcher.Query account, String seed) {
        return route(rules, facts, scoreTotal, account, seed, true);
    }

    /** Routes with a draft rule set, storing nothing: what-if for rule changes. */
    public Router.Outcome simulate(RuleSetDocument draft, Facts facts, int scoreTotal, AccountMatcher.Query account) {
        return reads.call(() -> {
            Router.CompiledRuleSet rules = draft == null ? ruleSets.activeRules() : ruleSets.compileDraft(draft);
            return route(rules, facts, scoreTotal, account, "simulation", false);
        });
    }

    private Router.Outcome route(Router.CompiledRuleSet rules, Facts facts, int scoreTotal, AccountMatcher.Query query,
                                 String seed, boolean apply) {
        Instant now = clock.instant();
        AccountMatcher.Result match = accounts.match(query);
        Router.AccountMatch account = new Router.AccountMatch(match.account() == null ? null : match.account().id(),
                match.ownerRepId(), match.queueId(), match.view());
        Map<String, Router.QueueState> loaded = new HashMap<>();
        Router.Outcome routed = Router.route(rules, facts, scoreTotal, account,
                id -> loaded.computeIfAbsent(id, q -> queueState(q, apply, now)), now, seed);
        Router.Outcome outcome = new Router.Outcome(routed.decision().withAccount(match.view()), routed.pickedQueueId(), routed.pick());
        if (apply && outcome.pick().isPresent()) {
            record(outcome.pickedQueueId(), outcome.pick().get(), now);
        }
        return outcome;
    }

    /** Picks another rep in a queue for an escalated lead, excluding the one who let it wait. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Assigner.Pick> reassign(String queueId, String excludeRep, String seed) {
        Instant now = clock.instant();
        Router.QueueState queue = queueState(queueId, true, now);
        if (queue == null) {
            return Optional.empty();
        }
        Optional<Assigner.Pick> pick = Assigner.pick(queue.mode(), queue.virtualTime(), queue.members(), now, excludeRep, seed).pick();
        pick.ifPresent(p -> record(queueId, p, now));
        return pick;
    }

    private Router.QueueState queueState(String id, boolean lock, Instant now) {
        if (id == null) {
            return null;
        }
        SalesQueue q = em.find(SalesQueue.class, id);
        if (q == null) {
            return null;
        }
        if (lock && q.assignmentMode != AssignmentMode.PULL && firstLockInTransaction(id)) {
            // only assigning queues have fairness state to update; pull queues need no lock, so intake
            // into them never serialises on the queue row. Re-read once locked: the row read above may
            // predate another replica's pick. Later leads of the same transaction keep the locked,
            // locally updated state.
            lockQueue(id);
            em.refresh(q);
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<QueueMember> rows = memo().members.computeIfAbsent(id, this::members);
        // open leads matter for a rep with a maxOpen and for load balancing; counting nobody else keeps
        // intake into pull and round-robin queues from querying (and flushing) per lead
        SalesQueue queue = q;
        List<String> counted = rows.stream().filter(m -> m.maxOpen != null || queue.assignmentMode == AssignmentMode.LOAD_BALANCED)
                .map(m -> m.id.repId()).toList();
        Map<String, Integer> open = counted.isEmpty() ? Map.of() : openLeads.of(id, counted);
        List<Assigner.Member> members = new ArrayList<>();
        for (QueueMember m : rows) {
            TimeOff away = m.awayAt(now);
            MemberStatus status = m.status == MemberStatus.PAUSED ? MemberStatus.PAUSED : away != null ? MemberStatus.AWAY : MemberStatus.ACTIVE;
            ScheduleService.Hours shift = schedules.hours(m.scheduleId, now);
            members.add(new Assigner.Member(m.id.repId(), m.weight, status, away == null ? null : away.until(), m.maxOpen, m.maxPerDay,
                    open.getOrDefault(m.id.repId(), 0), m.assignedOn(today), m.pointer, m.lastAssignedAt, shift.open(),
                    shift.text() == null ? null : (shift.open() ? "on shift, " : "off shift, ") + shift.text()));
        }
        ScheduleService.Hours hours = schedules.hours(q.scheduleId, now);
        return new Router.QueueState(q.id, q.active, q.assignmentMode, q.minScore, q.overflowQueueId, q.virtualTime, members,
                hours.open(), hours.text());
    }

    private List<QueueMember> members(String queueId) {
        // the members' time off with them (every member's is read at once below): the lazy collection's own query and
        // initialisation were the largest service frame of intake's profile (issue 27); Hibernate returns each member once
        return em.createQuery("from QueueMember m left join fetch m.timeOff where m.id.queueId = :q order by m.id.repId", QueueMember.class)
                .setParameter("q", queueId).getResultList();
    }

    private void lockQueue(String id) {
        // plain FOR UPDATE, portable across MySQL, MariaDB and H2 (see LeadRepository.lock)
        em.createNativeQuery("select id from sales_queue where id = :id for update")
                .setFlushMode(FlushModeType.COMMIT).setParameter("id", id).getResultList();
    }

    /** True the first time this transaction asks for a queue's row lock (it then holds it to the end). */
    private boolean firstLockInTransaction(String queueId) {
        return memo().lockedQueues.add(queueId);
    }

    private Memo memo() {
        Memo memo = (Memo) transactions.getResource(MEMO);
        if (memo == null) {
            memo = new Memo();
            transactions.putResource(MEMO, memo);
        }
        return memo;
    }

    private void record(String queueId, Assigner.Pick pick, Instant now) {
        SalesQueue queue = em.find(SalesQueue.class, queueId);
        queue.virtualTime = pick.newVirtualTime();
        QueueMember member = em.find(QueueMember.class, new QueueMember.Key(queueId, pick.repId()));
        if (member != null) {
            LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
            member.assignedToday = member.assignedOn(today) + 1;
            member.assignedDay = today;
            member.pointer = pick.newPointer();
            member.lastAssignedAt = now;
        }
    }
}
