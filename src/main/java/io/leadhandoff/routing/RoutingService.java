package io.leadhandoff.routing;

import io.leadhandoff.write.Reads;
import io.leadhandoff.condition.Facts;
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
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Routing itself: matches a lead to an account or a rule's queue and picks a rep. Fairness state (member
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

    /**
     * What routing read in the current transaction: a batch of leads reads each queue's members and
     * each domain's account once. The members are managed entities, so picks made in the transaction
     * are in them; queue locks are taken once and held to the end.
     */
    private static final class Memo {
        final Map<String, List<QueueMember>> members = new HashMap<>();
        final Map<String, Optional<Account>> accounts = new HashMap<>();
        final Set<String> lockedQueues = new HashSet<>();
    }
    private final Reads reads;


    public RoutingService(EntityManager em, Clock clock, RuleSetService ruleSets, OpenLeadCounts openLeads,
                          TransactionSynchronizationRegistry transactions, Reads reads) {
        this.reads = reads;
        this.em = em;
        this.clock = clock;
        this.ruleSets = ruleSets;
        this.openLeads = openLeads;
        this.transactions = transactions;
    }

    /**
     * Routes a scored lead with {@code rules} (the {@link RuleSetService#activeRules()} the caller read
     * once for its transaction) and stores the fairness state of the pick. {@code domains} are the lead's
     * email and website domains, tried for an account match.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Router.Outcome route(Router.CompiledRuleSet rules, Facts facts, int scoreTotal, List<String> domains, String seed) {
        return route(rules, facts, scoreTotal, domains, seed, true);
    }

    /** Routes with a draft rule set, storing nothing: what-if for rule changes. */
    public Router.Outcome simulate(RuleSetDocument draft, Facts facts, int scoreTotal, List<String> domains) {
        return reads.call(() -> {
            Router.CompiledRuleSet rules = draft == null ? ruleSets.activeRules() : ruleSets.compileDraft(draft);
            return route(rules, facts, scoreTotal, domains, "simulation", false);
        });
    }

    private Router.Outcome route(Router.CompiledRuleSet rules, Facts facts, int scoreTotal, List<String> domains,
                                 String seed, boolean apply) {
        Instant now = clock.instant();
        Router.AccountMatch account = null;
        Memo memo = memo();
        for (String domain : domains) {
            Account a = domain == null ? null
                    : memo.accounts.computeIfAbsent(domain, d -> Optional.ofNullable(em.find(Account.class, d))).orElse(null);
            if (a != null) {
                account = new Router.AccountMatch(a.domain, a.ownerRepId, a.queueId);
                break;
            }
        }
        Map<String, Router.QueueState> loaded = new HashMap<>();
        Router.Outcome outcome = Router.route(rules, facts, scoreTotal, account,
                id -> loaded.computeIfAbsent(id, q -> queueState(q, apply, now)), now, seed);
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

    /** Reads the accounts of these domains with one query, for the leads of a batch about to be routed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void prefetchAccounts(Collection<String> domains) {
        List<String> wanted = domains.stream().filter(Objects::nonNull).distinct().toList();
        if (wanted.isEmpty()) {
            return;
        }
        Memo memo = memo();
        Map<String, Account> found = new HashMap<>();
        em.createQuery("from Account where domain in :domains", Account.class).setParameter("domains", wanted)
                .getResultList().forEach(a -> found.put(a.domain, a));
        wanted.forEach(d -> memo.accounts.put(d, Optional.ofNullable(found.get(d))));
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
            members.add(new Assigner.Member(m.id.repId(), m.weight, m.status, m.awayUntil, m.maxOpen, m.maxPerDay,
                    open.getOrDefault(m.id.repId(), 0), m.assignedOn(today), m.pointer, m.lastAssignedAt));
        }
        return new Router.QueueState(q.id, q.active, q.assignmentMode, q.minScore, q.overflowQueueId, q.virtualTime, members);
    }

    private List<QueueMember> members(String queueId) {
        return em.createQuery("from QueueMember m where m.id.queueId = :q order by m.id.repId", QueueMember.class)
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
