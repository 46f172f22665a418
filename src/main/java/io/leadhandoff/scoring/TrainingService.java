package io.leadhandoff.scoring;

import jakarta.transaction.Transactional;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhandoff.common.ProblemException;
import io.leadhandoff.common.ProblemType;
import io.leadhandoff.condition.Facts;
import io.leadhandoff.contact.ContactQuality;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hibernate.query.NativeQuery;

/**
 * Fits the learned part of a scoring model to recorded feedback and evaluates it on a time-based
 * holdout (train on the older 80 %, test on the newest 20 %) against the active model. The result is
 * a new, inactive model version: nothing changes until someone activates it.
 */
@ApplicationScoped
public class TrainingService {

    /**
     * The counting rule (README, Reports): a lead's final verdict decides. Rejected and recycled are final (nothing
     * follows them); accepted, converted, won and lost all mean the lead was accepted and stayed so.
     */
    public static final String FINAL_ACCEPTED = "(l.accepted_at is not null and l.rejected_at is null and l.recycled_at is null)";
    /**
     * Label policy (README): final verdict accepted (or converted, won, lost) = 1; final verdict rejected for a reason
     * about the lead = 0; the rest (recycled, rejected for timing or the like, no verdict) excluded.
     */
    public static final String LABEL = "case when " + FINAL_ACCEPTED + " then 1 "
            + "when l.rejected_at is not null and r.training = 'negative' then 0 else null end";
    /** {@link #LABEL} in words, as a training evaluation states it. */
    public static final String LABEL_POLICY = "positive: final verdict accepted, converted, won or lost (accepted and never rejected or "
            + "recycled since); negative: rejected with a reason whose training policy is 'negative'; "
            + "excluded: recycled, rejected for timing/rep reasons, no feedback";
    public static final String LABEL_JOIN = " left join reason_code r on r.code = l.outcome_reason ";
    public static final int MIN_LABELLED = 200;
    public static final int MIN_PER_CLASS = 40;
    static final double HOLDOUT = 0.2;
    static final double L2 = 0.002;

    private final EntityManager em;
    private final ScoringService scoring;
    private final ObjectMapper mapper;

    public TrainingService(EntityManager em, ScoringService scoring, ObjectMapper mapper) {
        this.em = em;
        this.scoring = scoring;
        this.mapper = mapper;
    }

    /** One labelled lead as training sees it. */
    record Row(Facts facts, int fit, int engagement, String grade, int total, Double storedProbability, int label) {
    }

    /** Fits and stores a candidate inside the write path's transaction (the rows read and the version saved together). */
    @Transactional(Transactional.TxType.MANDATORY)
    public TrainingResult train(Instant from, Instant to, String name) {
        CompiledModel active = scoring.active();
        List<Row> rows = load(from, to, active);
        long positives = rows.stream().filter(r -> r.label() == 1).count();
        long negatives = rows.size() - positives;
        if (rows.size() < MIN_LABELLED || positives < MIN_PER_CLASS || negatives < MIN_PER_CLASS) {
            throw new ProblemException(ProblemType.VALIDATION, String.format(
                    "Training needs at least %d labelled leads with at least %d accepted and %d rejected for a reason about the lead; "
                            + "this period has %d labelled (%d accepted, %d rejected): %d more labelled leads needed",
                    MIN_LABELLED, MIN_PER_CLASS, MIN_PER_CLASS, rows.size(), positives, negatives,
                    Math.max(MIN_LABELLED - rows.size(), Math.max(MIN_PER_CLASS - positives, 0) + Math.max(MIN_PER_CLASS - negatives, 0))),
                    List.of(), null);
        }
        int split = (int) Math.round(rows.size() * (1 - HOLDOUT));
        List<Row> train = rows.subList(0, split);
        List<Row> test = rows.subList(split, rows.size());
        List<LogisticRegression.Example> examples = train.stream()
                .map(r -> new LogisticRegression.Example(features(r), r.label())).toList();
        LearnedModel fitted = LogisticRegression.fit(examples, L2, 400, 1.0);
        LearnedModel learned = fitted.withGrades(gradeThresholds(train.stream()
                .mapToInt(r -> Scorer.priority(LogisticRegression.probability(fitted, features(r)))).sorted().toArray()));

        List<double[]> candidate = new ArrayList<>();
        List<double[]> current = new ArrayList<>();
        for (Row r : test) {
            candidate.add(new double[] {LogisticRegression.probability(learned, features(r)), r.label()});
            current.add(new double[] {active.learned() != null ? LogisticRegression.probability(active.learned(), features(r)) : r.total() / 100.0,
                    r.label()});
        }
        TrainingResult.Evaluation evaluation = new TrainingResult.Evaluation(from, to, train.size(), test.size(), positives, negatives,
                TrainingResult.Measures.of(candidate), TrainingResult.Measures.of(current),
                active.learned() != null ? "learned" : "total/100", active.version(),
                LABEL_POLICY);
        ModelDocument base = active.document();
        ModelDocument document = new ModelDocument(name == null ? base.name() + " + learned" : name,
                "Rules of version " + active.version() + " with acceptance probability learned from " + train.size() + " labelled leads",
                base.fit(), base.engagement(), base.weights(), base.grades(), learned);
        ModelView created = scoring.create(document, "trained", json(evaluation));
        return new TrainingResult(created, evaluation);
    }

    /** Totals that make about the top 20 % of the training leads A, the next 30 % B, the next 30 % C and the rest D. */
    static ModelDocument.Grades gradeThresholds(int[] sortedTotals) {
        int n = sortedTotals.length;
        int c = sortedTotals[Math.min(n - 1, (int) Math.floor(n * 0.2))];
        int b = sortedTotals[Math.min(n - 1, (int) Math.floor(n * 0.5))];
        int a = sortedTotals[Math.min(n - 1, (int) Math.floor(n * 0.8))];
        return new ModelDocument.Grades(a, b, c);
    }

    private static Set<String> features(Row r) {
        return Features.of(r.facts(), r.fit(), r.engagement(), r.grade());
    }

    @SuppressWarnings("unchecked")
    List<Row> load(Instant from, Instant to, CompiledModel active) {
        return em.createNativeQuery("select l.source, l.campaign, l.country, l.industry, l.free_email, l.title, "
                        + "l.employee_count, l.annual_revenue, l.page_views, l.form_submissions, l.webinars_attended, l.email_clicks, "
                        + "l.score_fit, l.score_engagement, l.score_grade, l.score_total, l.acceptance_probability, " + LABEL + ", "
                        + "l.email, l.domain, l.phone, l.first_name, l.last_name, l.company "
                        + "from lead l" + LABEL_JOIN + "where l.created_at >= :from and l.created_at < :to and l.score_total is not null "
                        + "and (" + LABEL + ") is not null order by l.created_at, l.id")
                .setParameter("from", from).setParameter("to", to)
                .unwrap(NativeQuery.class).setTupleTransformer((c, aliases) -> {
                    Facts.Builder builder = Facts.builder().put("source", c[0]).put("campaign", c[1]).put("country", c[2])
                            .put("industry", c[3])
                            .put("freeEmail", c[4] instanceof Boolean b ? b : c[4] != null && ((Number) c[4]).intValue() == 1)
                            .put("title", c[5] == null ? null : c[5].toString()).put("employeeCount", c[6]).put("annualRevenue", c[7])
                            .put("activity.pageViews", c[8]).put("activity.formSubmissions", c[9])
                            .put("activity.webinarsAttended", c[10]).put("activity.emailClicks", c[11]);
                    ContactQuality.of(text(c[18]), text(c[19]), text(c[20]), text(c[2]), text(c[21]), text(c[22]), text(c[23]))
                            .facts().forEach(builder::put);
                    Facts facts = builder.build();
                    // the stored grade follows the learned total when a learned model scored the lead; features use the rules' grade
                    int fit = ((Number) c[12]).intValue();
                    return new Row(facts, fit, ((Number) c[13]).intValue(), Scorer.fitGrade(active, fit), ((Number) c[15]).intValue(),
                            c[16] == null ? null : ((Number) c[16]).doubleValue(), ((Number) c[17]).intValue());
                }).getResultList();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
