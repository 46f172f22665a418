package io.leadhandoff.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhandoff.audit.AuditService;
import io.leadhandoff.common.Cursor;
import io.leadhandoff.common.Page;
import io.leadhandoff.common.Problem.FieldError;
import io.leadhandoff.common.ProblemException;
import io.leadhandoff.common.ProblemType;
import io.leadhandoff.condition.CompiledCondition;
import io.leadhandoff.condition.ConditionCompiler;
import io.leadhandoff.condition.ExpressionBudget;
import io.leadhandoff.condition.Facts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Queues, members, accounts and the routing rules, and routing itself. Fairness state (member
 * pointers, queue virtual time, daily counts) lives in the database and is updated under a row lock on
 * the queue, so any number of replicas assign as one.
 */
@ApplicationScoped
public class RoutingService {

    /** Lead statuses that count against a rep's open-lead capacity. */
    public static final List<String> OPEN_STATUSES = List.of("QUEUED", "CLAIMED", "ACCEPTED", "CONVERTED");

    private final EntityManager em;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final AuditService audit;
    private final Map<Integer, Router.CompiledRuleSet> compiled = new ConcurrentHashMap<>();
    private final jakarta.transaction.TransactionSynchronizationRegistry transactions;
    private static final Object MEMO = new Object();

    /**
     * What routing read in the current transaction: a batch of leads reads each queue's members and
     * each domain's account once. The members are managed entities, so picks made in the transaction
     * are in them; queue locks are taken once and held to the end.
     */
    private static final class Memo {
        final Map<String, List<QueueMember>> members = new HashMap<>();
        final Map<String, Optional<Account>> accounts = new HashMap<>();
        final java.util.Set<String> lockedQueues = new java.util.HashSet<>();
    }

    public RoutingService(EntityManager em, ObjectMapper mapper, Clock clock, AuditService audit,
                          jakarta.transaction.TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
        this.audit = audit;
        this.em = em;
        this.mapper = mapper;
        this.clock = clock;
    }

    // --- routing ---------------------------------------------------------------------------------

    /**
     * Routes a scored lead with {@code rules} (the {@link #activeRules()} the caller read once for its
     * transaction) and stores the fairness state of the pick. {@code domains} are the lead's email and
     * website domains, tried for an account match.
     */
    @Transactional
    public Router.Outcome route(Router.CompiledRuleSet rules, Facts facts, int scoreTotal, List<String> domains, String seed) {
        return route(rules, facts, scoreTotal, domains, seed, true);
    }

    /** Routes with a draft rule set, storing nothing: what-if for rule changes. */
    @Transactional
    public Router.Outcome simulate(RuleSetDocument draft, Facts facts, int scoreTotal, List<String> domains) {
        Router.CompiledRuleSet rules = draft == null ? activeRules()
                : compile(0, draft, ExpressionBudget.forDocument(ConditionCompiler.DEADLINE_MILLIS));
        return route(rules, facts, scoreTotal, domains, "simulation", false);
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
    @Transactional
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
        Map<String, Integer> open = counted.isEmpty() ? Map.of() : openCounts(id, counted);
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
                .setFlushMode(jakarta.persistence.FlushModeType.COMMIT).setParameter("id", id).getResultList();
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

    /** Reads the accounts of these domains with one query, for the leads of a batch about to be routed. */
    @Transactional
    public void prefetchAccounts(java.util.Collection<String> domains) {
        List<String> wanted = domains.stream().filter(java.util.Objects::nonNull).distinct().toList();
        if (wanted.isEmpty()) {
            return;
        }
        Memo memo = memo();
        Map<String, Account> found = new HashMap<>();
        em.createQuery("from Account where domain in :domains", Account.class).setParameter("domains", wanted)
                .getResultList().forEach(a -> found.put(a.domain, a));
        wanted.forEach(d -> memo.accounts.put(d, Optional.ofNullable(found.get(d))));
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

    /** Open leads per rep in a queue. */
    public Map<String, Integer> openCounts(String queueId) {
        return openCounts(queueId, members(queueId).stream().map(m -> m.id.repId()).toList());
    }

    /**
     * Open leads of these reps in a queue. Driven by the reps (index on owner_rep_id, status), so the
     * cost follows what the reps hold, not how many leads wait in the queue.
     */
    @SuppressWarnings("unchecked")
    private Map<String, Integer> openCounts(String queueId, List<String> reps) {
        if (reps.isEmpty()) {
            return Map.of();
        }
        // plain SQL on the lead table's columns: routing reads leads, it does not depend on the lead package's types
        List<Object[]> rows = em.createNativeQuery("select owner_rep_id, count(*) from lead where owner_rep_id in (:reps) "
                        + "and queue_id = :q and status in (:open) group by owner_rep_id")
                .setParameter("reps", reps)
                .setParameter("q", queueId)
                .setParameter("open", OPEN_STATUSES)
                .getResultList();
        Map<String, Integer> counts = new HashMap<>();
        rows.forEach(r -> counts.put((String) r[0], ((Number) r[1]).intValue()));
        return counts;
    }

    // --- rules -----------------------------------------------------------------------------------

    @Transactional
    public Router.CompiledRuleSet activeRules() {
        int version = ((Number) em.createNativeQuery("select version from routing_active where id = 1")
                .setFlushMode(jakarta.persistence.FlushModeType.COMMIT).getSingleResult()).intValue();
        return compiled.computeIfAbsent(version, v -> compile(v, read(em.find(RuleSetRow.class, v).document)));
    }

    @Transactional
    public RoutingViews.RuleSetView activeRuleSet() {
        int version = activeRules().version();
        RuleSetRow row = em.find(RuleSetRow.class, version);
        return new RoutingViews.RuleSetView(row.version, row.createdAt, read(row.document));
    }

    /** Replaces the rules: a new version, active at once for every replica. */
    @Transactional(Transactional.TxType.MANDATORY)
    public RoutingViews.RuleSetView replaceRules(RuleSetDocument document) {
        Integer max = em.createQuery("select max(r.version) from RuleSetRow r", Integer.class).getSingleResult();
        int version = max == null ? 1 : max + 1;
        compile(version, document);
        RuleSetRow row = new RuleSetRow();
        row.version = version;
        row.document = write(document);
        row.createdAt = clock.instant();
        em.persist(row);
        em.flush();
        em.createNativeQuery("update routing_active set version = ?1, changed_at = ?2 where id = 1")
                .setParameter(1, version).setParameter(2, row.createdAt).executeUpdate();
        RoutingViews.RuleSetView created = new RoutingViews.RuleSetView(version, row.createdAt, document);
        audit.record("routing-rules.replaced", "routing-rules:" + version, null, created);
        return created;
    }

    private Router.CompiledRuleSet compile(int version, RuleSetDocument document) {
        return compile(version, document, ExpressionBudget.withoutDeadline());
    }

    private Router.CompiledRuleSet compile(int version, RuleSetDocument document, ExpressionBudget budget) {
        List<FieldError> errors = new ArrayList<>();
        ConditionCompiler conditions = new ConditionCompiler(true, budget);
        if (em.find(SalesQueue.class, document.defaultQueueId()) == null) {
            errors.add(FieldError.atPointer("/defaultQueueId", "is not a queue"));
        }
        List<Router.CompiledRoute> routes = new ArrayList<>();
        for (int i = 0; i < document.rules().size(); i++) {
            RuleSetDocument.Rule rule = document.rules().get(i);
            CompiledCondition when = conditions.compile(rule.when(), "/rules/" + i + "/when", errors);
            if (em.find(SalesQueue.class, rule.queueId()) == null) {
                errors.add(FieldError.atPointer("/rules/" + i + "/queueId", "is not a queue"));
            }
            if (when != null) {
                routes.add(new Router.CompiledRoute(rule.name(), when, rule.queueId(), when.describe()));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return new Router.CompiledRuleSet(version, document.minScore() == null ? 0 : document.minScore(),
                document.defaultQueueId(), List.copyOf(routes));
    }

    // --- queues ----------------------------------------------------------------------------------

    @Transactional
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

    @Transactional
    public RoutingViews.QueueView updateQueue(String id, RoutingViews.QueueRequest request) {
        SalesQueue q = queue(id);
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

    @Transactional
    public RoutingViews.QueueView getQueue(String id) {
        return view(queue(id));
    }

    @Transactional
    public Page<RoutingViews.QueueView> listQueues(String cursor, int limit, java.util.Set<String> visible) {
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

    @Transactional
    public void deleteQueue(String id) {
        SalesQueue q = queue(id);
        RuleSetDocument rules = read(em.find(RuleSetRow.class, activeRules().version()).document);
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
        em.createQuery("delete from QueueMember m where m.id.queueId = :id").setParameter("id", id).executeUpdate();
        audit.record("queue.deleted", "queue:" + id, view(q), null);
        em.remove(q);
    }

    private SalesQueue queue(String id) {
        SalesQueue q = id == null ? null : em.find(SalesQueue.class, id);
        if (q == null) {
            throw ProblemException.notFound("Queue", id);
        }
        return q;
    }

    private RoutingViews.QueueView view(SalesQueue q) {
        return new RoutingViews.QueueView(q.id, q.name, q.description, q.active, q.assignmentMode, q.leaseSeconds,
                q.slaMinutes, q.overflowQueueId, q.minScore, q.createdAt, q.updatedAt);
    }

    // --- members ---------------------------------------------------------------------------------

    @Transactional
    public RoutingViews.MemberView putMember(String queueId, String repId, RoutingViews.MemberRequest r) {
        SalesQueue queue = queue(queueId);
        if (repId == null || repId.isBlank() || repId.length() > 128) {
            throw ProblemException.notFound("Member", repId);
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
        m.status = status;
        m.awayUntil = status == MemberStatus.AWAY ? r.awayUntil() : null;
        m.updatedAt = now;
        if (!em.contains(m)) {
            em.persist(m);
        }
        em.flush();
        RoutingViews.MemberView after = view(m, openCounts(queueId));
        audit.record(before == null ? "member.added" : "member.updated", "queue:" + queueId + "/member:" + repId, before, after);
        return after;
    }

    @Transactional
    public RoutingViews.MemberView getMember(String queueId, String repId) {
        queue(queueId);
        return view(member(queueId, repId), openCounts(queueId));
    }

    @Transactional
    public Page<RoutingViews.MemberView> listMembers(String queueId, String cursor, int limit) {
        queue(queueId);
        String after = Cursor.decode(cursor);
        List<QueueMember> rows = em.createQuery("from QueueMember m where m.id.queueId = :q and (:after is null or m.id.repId > :after) "
                        + "order by m.id.repId", QueueMember.class)
                .setParameter("q", queueId).setParameter("after", after).setMaxResults(limit + 1).getResultList();
        Map<String, Integer> open = openCounts(queueId);
        return Page.of(rows, limit, m -> m.id.repId(), m -> view(m, open));
    }

    @Transactional
    public void deleteMember(String queueId, String repId) {
        queue(queueId);
        QueueMember m = member(queueId, repId);
        audit.record("member.removed", "queue:" + queueId + "/member:" + repId, view(m, Map.of()), null);
        em.remove(m);
    }

    /**
     * How many more leads a rep may take from a queue, at most {@code wanted}: what its {@code maxOpen}
     * leaves (counted only when it has one); empty when the rep is not a member.
     */
    @Transactional
    public java.util.OptionalInt room(String queueId, String repId, int wanted) {
        QueueMember m = em.find(QueueMember.class, new QueueMember.Key(queueId, repId));
        if (m == null) {
            return java.util.OptionalInt.empty();
        }
        if (m.maxOpen == null) {
            return java.util.OptionalInt.of(wanted);
        }
        int open = openCounts(queueId, List.of(repId)).getOrDefault(repId, 0);
        return java.util.OptionalInt.of(Math.min(wanted, Math.max(0, m.maxOpen - open)));
    }

    @Transactional
    public RoutingViews.QueueView queueView(String id) {
        return view(queue(id));
    }

    private QueueMember member(String queueId, String repId) {
        QueueMember m = em.find(QueueMember.class, new QueueMember.Key(queueId, repId));
        if (m == null) {
            throw ProblemException.notFound("Member of queue " + queueId, repId);
        }
        return m;
    }

    private RoutingViews.MemberView view(QueueMember m, Map<String, Integer> open) {
        return new RoutingViews.MemberView(m.id.queueId(), m.id.repId(), m.weight, m.maxOpen, m.maxPerDay, m.status,
                m.awayUntil, open.getOrDefault(m.id.repId(), 0), m.assignedOn(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)),
                m.lastAssignedAt);
    }

    // --- accounts --------------------------------------------------------------------------------

    @Transactional
    public RoutingViews.AccountView putAccount(String domain, RoutingViews.AccountRequest r) {
        String key = domain(domain);
        if (r.queueId() != null) {
            queue(r.queueId());
        }
        Account a = em.find(Account.class, key);
        RoutingViews.AccountView before = a == null ? null : view(a);
        if (a == null) {
            a = new Account();
            a.domain = key;
        }
        a.name = r.name();
        a.ownerRepId = r.ownerRepId();
        a.queueId = r.queueId();
        a.updatedAt = clock.instant();
        if (!em.contains(a)) {
            em.persist(a);
        }
        audit.record(before == null ? "account.created" : "account.updated", "account:" + key, before, view(a));
        return view(a);
    }

    @Transactional
    public RoutingViews.AccountView getAccount(String domain) {
        return view(account(domain(domain)));
    }

    @Transactional
    public void deleteAccount(String domain) {
        Account a = account(domain(domain));
        audit.record("account.deleted", "account:" + a.domain, view(a), null);
        em.remove(a);
    }

    private Account account(String domain) {
        Account a = em.find(Account.class, domain);
        if (a == null) {
            throw ProblemException.notFound("Account", domain);
        }
        return a;
    }

    private static String domain(String domain) {
        String d = domain == null ? "" : domain.trim().toLowerCase(java.util.Locale.ROOT);
        String ascii = io.leadhandoff.common.Identity.domain(d);
        d = ascii == null ? d : ascii;
        if (d.startsWith("www.")) {
            d = d.substring(4);
        }
        if (d.isEmpty() || d.length() > 253 || !d.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")) {
            throw ProblemException.invalidParameter("domain", "must be a domain name such as example.com");
        }
        return d;
    }

    private RoutingViews.AccountView view(Account a) {
        return new RoutingViews.AccountView(a.domain, a.name, a.ownerRepId, a.queueId, a.updatedAt);
    }

    private RuleSetDocument read(String json) {
        try {
            return mapper.readValue(json, RuleSetDocument.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored routing rules are not JSON", e);
        }
    }

    private String write(RuleSetDocument document) {
        try {
            return mapper.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise routing rules", e);
        }
    }
}
