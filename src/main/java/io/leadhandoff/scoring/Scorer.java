package io.leadhandoff.scoring;

import io.leadhandoff.condition.Facts;
import io.leadhandoff.contact.ContactQuality;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores a lead with a model: a pure function of (model, facts, last activity, now). Each dimension is
 * a ledger of integer steps — rules that fired, group caps, decay, clamping to 0..cap, scaling to
 * 0..100 — so the explanation always adds up to the reported score.
 */
public final class Scorer {

    private Scorer() {
    }

    public static Score score(CompiledModel model, Facts facts, Instant lastActivityAt, Instant now) {
        Score.DimensionLedger fit = ledger(model.fit(), facts, null, now);
        Score.DimensionLedger engagement = ledger(model.engagement(), facts, lastActivityAt, now);
        double exact = model.fitWeight() * fit.score() + model.engagementWeight() * engagement.score();
        int rulesTotal = clamp((int) Math.round(exact), 0, 100);
        String rulesGrade = fitGrade(model, fit.score());
        String rulesTotalReason = String.format(Locale.ROOT, "%s × fit %d + %s × engagement %d = %s, rounded to %d",
                number(model.fitWeight()), fit.score(), number(model.engagementWeight()), engagement.score(), number(exact), rulesTotal);
        String rulesGradeReason = gradeReason("fit", fit.score(), rulesGrade, model.gradeA(), model.gradeB(), model.gradeC());
        if (model.learned() == null) {
            return new Score(model.version(), fit.score(), engagement.score(), rulesTotal, rulesGrade, null, null, null,
                    new Score.Explanation(fit, engagement, rulesTotalReason, rulesGradeReason, RULES_PRIORITY, null,
                            ContactQuality.fromFacts(facts::get)));
        }
        // the features see the rules' own grade (from fit), as training saw it
        java.util.Set<String> features = Features.of(facts, fit.score(), engagement.score(), rulesGrade);
        List<Score.Contribution> contributions = features.stream()
                .filter(f -> model.learned().weights().containsKey(f))
                .map(f -> new Score.Contribution(f, model.learned().weights().get(f)))
                .sorted(java.util.Comparator.comparingDouble((Score.Contribution c) -> -Math.abs(c.weight())).thenComparing(Score.Contribution::feature))
                .toList();
        double logOdds = model.learned().intercept() + contributions.stream().mapToDouble(Score.Contribution::weight).sum();
        double probability = Math.round(LogisticRegression.sigmoid(logOdds) * 10_000.0) / 10_000.0;
        Score.Learned learned = new Score.Learned(model.learned().intercept(), contributions, Math.round(logOdds * 10_000.0) / 10_000.0);
        int total = priority(probability);
        int[] thresholds = learnedThresholds(model);
        String grade = grade(total, thresholds[0], thresholds[1], thresholds[2]);
        String totalReason = String.format(Locale.ROOT, "round(100 × acceptance probability %s) = %d; the rules alone would give %s",
                number4(probability), total, rulesTotalReason);
        String gradeReason = gradeReason("total", total, grade, thresholds[0], thresholds[1], thresholds[2])
                + "; the rules alone would give " + rulesGradeReason;
        return new Score(model.version(), fit.score(), engagement.score(), total, grade, probability, rulesTotal, rulesGrade,
                new Score.Explanation(fit, engagement, totalReason, gradeReason, LEARNED_PRIORITY, learned,
                        ContactQuality.fromFacts(facts::get)));
    }

    static final String RULES_PRIORITY = "rules: claims hand out the highest total first; score bands and the routing minimum use the total";
    static final String LEARNED_PRIORITY = "learned: the total is the acceptance probability in percent, so claims hand out the likeliest "
            + "to be accepted first; score bands, the grade and the routing minimum follow it";

    /** The total a learned model gives: the acceptance probability in percent, what claims order by. */
    static int priority(double probability) {
        return clamp((int) Math.round(probability * 100), 0, 100);
    }

    /** The grade the rules give: from fit. Learned features use it, so training recomputes it the same way. */
    public static String fitGrade(CompiledModel model, int fit) {
        return grade(fit, model.gradeA(), model.gradeB(), model.gradeC());
    }

    private static int[] learnedThresholds(CompiledModel model) {
        ModelDocument.Grades g = model.learned().grades();
        return g == null ? new int[] {model.gradeA(), model.gradeB(), model.gradeC()} : new int[] {g.a(), g.b(), g.c()};
    }

    private static String number4(double value) {
        return String.valueOf(Math.round(value * 10_000) / 10_000.0);
    }

    private static Score.DimensionLedger ledger(CompiledModel.CompiledDimension d, Facts facts, Instant lastActivityAt, Instant now) {
        List<Score.Entry> entries = new ArrayList<>();
        Map<String, Integer> groupSums = new LinkedHashMap<>();
        int points = 0;
        for (CompiledModel.CompiledRule rule : d.rules()) {
            if (rule.when().test(facts)) {
                entries.add(new Score.Entry("rule", rule.id(), rule.group(), rule.points(), rule.reason()));
                points += rule.points();
                if (rule.group() != null) {
                    groupSums.merge(rule.group(), rule.points(), Integer::sum);
                }
            }
        }
        for (Map.Entry<String, Integer> group : groupSums.entrySet()) {
            Integer cap = d.groupCaps().get(group.getKey());
            if (cap != null && group.getValue() > cap) {
                int cut = cap - group.getValue();
                entries.add(new Score.Entry("groupCap", null, group.getKey(), cut,
                        "group " + group.getKey() + " is capped at " + cap + " points"));
                points += cut;
            }
        }
        if (d.halfLifeDays() != null && lastActivityAt != null && points > 0) {
            double days = Math.max(0, Duration.between(lastActivityAt, now).toSeconds()) / 86_400.0;
            double factor = Math.pow(0.5, days / d.halfLifeDays());
            int decayed = (int) Math.round(points * factor);
            if (decayed != points) {
                entries.add(new Score.Entry("decay", null, null, decayed - points, String.format(Locale.ROOT,
                        "last activity %.1f days ago, half-life %s days: × %.3f", days, number(d.halfLifeDays()), factor)));
                points = decayed;
            }
        }
        int clamped = clamp(points, 0, d.cap());
        if (clamped != points) {
            entries.add(new Score.Entry("clamp", null, null, clamped - points,
                    "points are kept between 0 and " + d.cap()));
        }
        int scaled = (int) Math.round(clamped * 100.0 / d.cap());
        if (scaled != clamped) {
            entries.add(new Score.Entry("scale", null, null, scaled - clamped,
                    clamped + " of " + d.cap() + " points scaled to 0–100"));
        }
        return new Score.DimensionLedger(scaled, List.copyOf(entries));
    }

    private static String grade(int value, int a, int b, int c) {
        if (value >= a) {
            return "A";
        }
        if (value >= b) {
            return "B";
        }
        return value >= c ? "C" : "D";
    }

    private static String gradeReason(String of, int value, String grade, int a, int b, int c) {
        return switch (grade) {
            case "A" -> "A: " + of + " " + value + " is at least " + a;
            case "B" -> "B: " + of + " " + value + " is at least " + b;
            case "C" -> "C: " + of + " " + value + " is at least " + c;
            default -> "D: " + of + " " + value + " is below " + c;
        };
    }

    private static int clamp(int value, int low, int high) {
        return Math.max(low, Math.min(high, value));
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(Math.round(value * 1000) / 1000.0);
    }
}
