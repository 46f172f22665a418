package io.leadhandoff.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import io.leadhandoff.audit.AuditService;
import io.leadhandoff.common.Caches;
import io.leadhandoff.common.Problem.FieldError;
import io.leadhandoff.common.ProblemException;
import io.leadhandoff.condition.CompiledCondition;
import io.leadhandoff.condition.ConditionCompiler;
import io.leadhandoff.condition.ExpressionBudget;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The routing rule sets: versions stored as documents, the active one compiled once per version and
 * shared by every request of this replica.
 */
@ApplicationScoped
public class RuleSetService {

    private final EntityManager em;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final AuditService audit;
    private final Cache<Integer, Router.CompiledRuleSet> compiled;

    public RuleSetService(EntityManager em, ObjectMapper mapper, Clock clock, AuditService audit) {
        this.em = em;
        this.mapper = mapper;
        this.clock = clock;
        this.audit = audit;
        this.compiled = Caches.versions(clock);
    }

    public Router.CompiledRuleSet activeRules() {
        int version = ((Number) em.createNativeQuery("select version from routing_active where id = 1")
                .setFlushMode(FlushModeType.COMMIT).getSingleResult()).intValue();
        return compiled.get(version, v -> compile(v, read(em.find(RuleSetRow.class, v).document)));
    }

    public RoutingViews.RuleSetView activeRuleSet() {
        int version = activeRules().version();
        RuleSetRow row = em.find(RuleSetRow.class, version);
        return new RoutingViews.RuleSetView(row.version, row.createdAt, read(row.document));
    }

    /** The active rules as written, for checks on what they refer to. */
    public RuleSetDocument activeDocument() {
        return read(em.find(RuleSetRow.class, activeRules().version()).document);
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

    /**
     * Compiles a draft that is never stored (version 0), within the budget of a request's document. Runs
     * in the caller's transaction, which a draft's validation problem must not mark for rollback.
     */
    public Router.CompiledRuleSet compileDraft(RuleSetDocument draft) {
        return compile(0, draft, ExpressionBudget.forDocument(ConditionCompiler.DEADLINE_MILLIS));
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
