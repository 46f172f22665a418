package io.leadhandoff.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import io.leadhandoff.audit.AuditService;
import io.leadhandoff.event.SystemEvents;
import io.leadhandoff.security.Callers;
import io.leadhandoff.common.Caches;
import io.leadhandoff.common.Cursor;
import io.leadhandoff.common.Page;
import io.leadhandoff.common.ProblemException;
import io.leadhandoff.condition.Facts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Model versions and scoring with the active one. Models are immutable, so compiled models are cached
 * by version forever; which version is active is read from the database for every intake transaction,
 * so an activation takes effect on every replica for the next lead, without restart.
 */
@ApplicationScoped
public class ScoringService {

    private final ModelRepository models;
    private final EntityManager em;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final AuditService audit;
    private final SystemEvents events;
    private final Callers callers;
    private final Cache<Integer, CompiledModel> compiled;
    /** The active version this replica last scored with, for the metrics gauge. */
    private final java.util.concurrent.atomic.AtomicInteger lastActive = new java.util.concurrent.atomic.AtomicInteger();

    public ScoringService(ModelRepository models, EntityManager em, ObjectMapper mapper, Clock clock,
                          io.micrometer.core.instrument.MeterRegistry registry, AuditService audit, SystemEvents events,
                          Callers callers) {
        this.audit = audit;
        this.events = events;
        this.callers = callers;
        this.models = models;
        this.em = em;
        this.mapper = mapper;
        this.clock = clock;
        this.compiled = Caches.versions(clock);
        io.micrometer.core.instrument.Gauge.builder("leadhandoff.scoring.model.version", lastActive, java.util.concurrent.atomic.AtomicInteger::get)
                .description("Scoring model version this replica last scored with").register(registry);
    }

    /** The active model and the challenger (null when none), compiled, from one read of which versions they are. */
    public record Models(CompiledModel active, CompiledModel challenger) {
    }

    /** {@link #active()} and the challenger with one read: call once per intake transaction and reuse for every lead in it. */
    public Models models() {
        ModelRepository.Versions versions = models.versions();
        CompiledModel active = model(versions.active());
        lastActive.set(active.version());
        return new Models(active, versions.challenger() == null ? null : model(versions.challenger()));
    }

    /** The active model, compiled. Call once per transaction and reuse for every lead in it. */
    public CompiledModel active() {
        CompiledModel model = model(models.activeVersion());
        lastActive.set(model.version());
        return model;
    }

    public CompiledModel model(int version) {
        CompiledModel model = compiled.getIfPresent(version);
        if (model != null) {
            return model;
        }
        ScoringModel row = models.findById(version);
        if (row == null) {
            throw ProblemException.notFound("Scoring model version", String.valueOf(version));
        }
        model = ModelCompiler.compile(version, read(row.document));
        compiled.put(version, model);
        return model;
    }

    public Score score(CompiledModel model, Facts facts, Instant lastActivityAt) {
        return Scorer.score(model, facts, lastActivityAt, clock.instant());
    }

    /** Saves a new, inactive version; refuses an invalid model with a 422 pointing at the problem. */
    @Transactional(Transactional.TxType.MANDATORY)
    public ModelView create(ModelDocument document, String origin, String evaluation) {
        int version = models.nextVersion();
        ModelCompiler.compile(version, document);
        ScoringModel row = new ScoringModel();
        row.version = version;
        row.name = document.name();
        row.document = write(document);
        row.origin = origin;
        row.evaluation = evaluation;
        row.createdAt = clock.instant();
        models.persist(row);
        em.flush();
        ModelView created = view(row, false, false, true);
        audit.record("scoring-model.created", "scoring-model:" + version, null, created);
        return created;
    }

    public ModelView get(int version) {
        ScoringModel row = find(version);
        return view(row, row.version == models.activeVersion(), Integer.valueOf(row.version).equals(models.challengerVersion()), true);
    }

    public Page<ModelView> list(String cursor, int limit) {
        String position = Cursor.decode(cursor);
        Integer before = null;
        if (position != null) {
            try {
                before = Integer.valueOf(position);
            } catch (NumberFormatException e) {
                throw ProblemException.invalidParameter("cursor", "is not a cursor returned by this API");
            }
        }
        int active = models.activeVersion();
        Integer challenger = models.challengerVersion();
        return Page.of(models.page(before, limit), limit, m -> String.valueOf(m.version),
                m -> view(m, m.version == active, Integer.valueOf(m.version).equals(challenger), false));
    }

    /** Makes {@code version} the active model in one update of the single pointer row. */
    @Transactional(Transactional.TxType.MANDATORY)
    public ModelView activate(int version) {
        ScoringModel row = find(version);
        model(version);
        Instant now = clock.instant();
        Integer challenger = models.challengerVersion();
        boolean promoted = challenger != null && challenger == version;
        // activating the challenger promotes it: it stops being the challenger
        em.createNativeQuery("update scoring_active set version = ?1, changed_at = ?2"
                        + (promoted ? ", challenger_version = null" : "") + " where id = 1")
                .setParameter(1, version).setParameter(2, now).executeUpdate();
        row.activatedAt = now;
        ModelView view = view(row, true, false, true);
        Map<String, Object> detail = new java.util.LinkedHashMap<>();
        detail.put("version", version);
        detail.put("activatedAt", now.toString());
        if (promoted) {
            detail.put("promotedFromChallenger", true);
        }
        if (view.evaluation() != null) {
            detail.put("evaluation", view.evaluation());
        }
        audit.record("scoring-model.activated", "scoring-model:" + version, null, detail);
        // on the change feed too, so webhook subscribers to model.activated hear of it
        Map<String, Object> event = new java.util.LinkedHashMap<>();
        event.put("version", version);
        event.put("name", row.name);
        event.put("origin", row.origin);
        if (promoted) {
            event.put("promotedFromChallenger", true);
        }
        events.record("model.activated", now, callers.current().label(), event);
        return view;
    }

    private ScoringModel find(int version) {
        ScoringModel row = models.findById(version);
        if (row == null) {
            throw ProblemException.notFound("Scoring model version", String.valueOf(version));
        }
        return row;
    }

    ModelView view(ScoringModel row, boolean active, boolean challenger, boolean withDocument) {
        return new ModelView(row.version, row.name, active, row.origin, row.createdAt, row.activatedAt, challenger,
                withDocument ? evaluation(row.evaluation) : null, withDocument ? read(row.document) : null);
    }

    private TrainingResult.Evaluation evaluation(String json) {
        try {
            return json == null ? null : mapper.readValue(json, TrainingResult.Evaluation.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored evaluation is not valid JSON", e);
        }
    }

    private ModelDocument read(String json) {
        try {
            return mapper.readValue(json, ModelDocument.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored scoring model is not valid JSON", e);
        }
    }

    private String write(ModelDocument document) {
        try {
            return mapper.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise scoring model", e);
        }
    }
}
