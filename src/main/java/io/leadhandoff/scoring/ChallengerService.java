package io.leadhandoff.scoring;

import io.leadhandoff.write.Reads;
import io.leadhandoff.audit.AuditService;
import io.leadhandoff.common.ProblemException;
import io.leadhandoff.common.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hibernate.query.NativeQuery;

/**
 * Champion and challenger: a model version can score every new lead beside the active one (the
 * champion) without acting on it, so both are measured on the same leads as feedback arrives.
 * Activating the challenger promotes it.
 */
@ApplicationScoped
public class ChallengerService {

    /** The comparison reads at most this many of the newest leads scored by both, so its cost is bounded. */
    static final int MAX_COMPARED = 200_000;

    private final ModelRepository models;
    private final ScoringService scoring;
    private final EntityManager em;
    private final AuditService audit;
    private final Clock clock;
    private final Reads reads;


    public ChallengerService(ModelRepository models, ScoringService scoring, EntityManager em, AuditService audit, Clock clock, Reads reads) {
        this.reads = reads;
        this.models = models;
        this.scoring = scoring;
        this.em = em;
        this.audit = audit;
        this.clock = clock;
    }

    /** The challenger, compiled, or null. Call once per intake transaction, as {@link ScoringService#active()}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public CompiledModel challenger() {
        Integer version = models.challengerVersion();
        return version == null ? null : scoring.model(version);
    }

    /** Keeps the challenger's score of a lead (the lead's id is assigned, the lead itself may not be persisted yet). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String leadId, Score score, boolean newLead) {
        ChallengerScore existing = newLead ? null : em.find(ChallengerScore.class, leadId);
        ChallengerScore row = existing != null ? existing : new ChallengerScore();
        row.leadId = leadId;
        row.modelVersion = score.modelVersion();
        row.total = score.total();
        row.acceptanceProbability = score.acceptanceProbability();
        row.scoredAt = clock.instant();
        if (existing == null) {
            // persisted once filled in: Hibernate inserts the state an entity has when it is persisted
            em.persist(row);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public ModelView set(int version) {
        ScoringModel row = models.findById(version);
        if (row == null) {
            throw ProblemException.notFound("Scoring model version", String.valueOf(version));
        }
        scoring.model(version);
        if (version == models.activeVersion()) {
            throw new ProblemException(ProblemType.CONFLICT, "Version " + version + " is the active model (the champion); "
                    + "a challenger is another version", List.of(), null);
        }
        Integer before = models.challengerVersion();
        em.createNativeQuery("update scoring_active set challenger_version = ?1 where id = 1").setParameter(1, version).executeUpdate();
        audit.record("scoring-model.challenger-set", "scoring-model:" + version, before == null ? null : Map.of("challengerVersion", before),
                Map.of("challengerVersion", version));
        return scoring.view(row, false, true, true);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void clear() {
        Integer before = models.challengerVersion();
        if (before == null) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No challenger is set");
        }
        em.createNativeQuery("update scoring_active set challenger_version = null where id = 1").executeUpdate();
        audit.record("scoring-model.challenger-cleared", "scoring-model:" + before, Map.of("challengerVersion", before), null);
    }

    /**
     * The champion (the active model) and the challenger (the current one, or {@code challengerVersion})
     * on the labelled leads received in [from, to) that both scored.
     */
    @SuppressWarnings("unchecked")
    public ModelComparison compare(Instant from, Instant to, Integer challengerVersion) {
        return reads.call(() -> {
            CompiledModel champion = scoring.active();
            Integer challenger = challengerVersion != null ? challengerVersion : models.challengerVersion();
            if (challenger == null) {
                return new ModelComparison(champion.version(), null, from, to, 0, 0, 0,
                        ModelComparison.Measures.of(champion.version(), source(champion), List.of()), null);
            }
            CompiledModel other = scoring.model(challenger);
            if (challenger == champion.version()) {
                // a promoted challenger: its comparison is against the champion that scored those leads when it was challenger
                champion = scoring.model(championOf(challenger, from, to, champion.version()));
            }
            @SuppressWarnings("unchecked")
            List<Pair> rows = em.createNativeQuery("select l.acceptance_probability, l.score_total, c.acceptance_probability, c.score_total, "
                            + TrainingService.LABEL + " from challenger_score c join lead l on l.id = c.lead_id" + TrainingService.LABEL_JOIN
                            + "where c.model_version = :challenger and l.score_model_version = :champion "
                            + "and l.created_at >= :from and l.created_at < :to order by l.created_at desc")
                    .setParameter("challenger", challenger).setParameter("champion", champion.version())
                    .setParameter("from", from).setParameter("to", to).setMaxResults(MAX_COMPARED)
                    .unwrap(NativeQuery.class)
                    .setTupleTransformer((r, aliases) -> r[4] == null ? Pair.UNDECIDED
                            : new Pair(probability(r[0], r[1]), probability(r[2], r[3]), ((Number) r[4]).intValue()))
                    .getResultList();
            List<double[]> first = new ArrayList<>();
            List<double[]> second = new ArrayList<>();
            long accepted = 0;
            for (Pair p : rows) {
                if (p.label() == null) {
                    continue;
                }
                accepted += p.label();
                first.add(new double[] {p.champion(), p.label()});
                second.add(new double[] {p.challenger(), p.label()});
            }
            return new ModelComparison(champion.version(), challenger, from, to, rows.size(), first.size(), accepted,
                    ModelComparison.Measures.of(champion.version(), source(champion), first),
                    ModelComparison.Measures.of(challenger, source(other), second));
        });
    }

    /** The version that acted on most of the leads {@code challenger} scored beside it in [from, to); {@code fallback} if none. */
    private int championOf(int challenger, Instant from, Instant to, int fallback) {
        List<?> versions = em.createNativeQuery("select l.score_model_version from challenger_score c join lead l on l.id = c.lead_id "
                        + "where c.model_version = :challenger and l.score_model_version <> :challenger and l.created_at >= :from "
                        + "and l.created_at < :to group by l.score_model_version order by count(*) desc, l.score_model_version desc")
                .setParameter("challenger", challenger).setParameter("from", from).setParameter("to", to).setMaxResults(1).getResultList();
        return versions.isEmpty() || versions.get(0) == null ? fallback : ((Number) versions.get(0)).intValue();
    }

    /** One lead's probability by the champion and by the challenger, and its label (null while undecided). */
    private record Pair(double champion, double challenger, Integer label) {

        static final Pair UNDECIDED = new Pair(0, 0, null);
    }

    private static double probability(Object learned, Object total) {
        return learned != null ? ((Number) learned).doubleValue() : ((Number) total).doubleValue() / 100.0;
    }

    private static String source(CompiledModel model) {
        return model.learned() != null ? "learned" : "total/100";
    }
}
