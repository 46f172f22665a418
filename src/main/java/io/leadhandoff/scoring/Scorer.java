package io.leadhandoff.scoring;

import io.leadhandoff.condition.Facts;
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
        int total = clamp((int) Math.round(exact), 0, 100);
        String grade = grade(model, fit.score());
        String totalReason = String.format(Locale.ROOT, "%s × fit %d + %s × engagement %d = %s, rounded to %d",
                number(model.fitWeight()), fit.score(), number(model.engagementWeight()), engagement.score(), number(exact), total);
        String gradeReason = gradeReason(model, grade, fit.score());
        Double probability = null;
        Score.Learned learned = null;
        if (model.learned() != null) {
            java.util.Set<String> features = Features.of(facts, fit.score(), engagement.score(), grade);
            List<Score.Contribution> contributions = features.stream()
                    .filter(f -> model.learned().weights().containsKey(f))
                    .map(f -> new Score.Contribution(f, model.learned().weights().get(f)))
                    .sorted(java.util.Comparator.comparingDouble((Score.Contribution c) -> -Math.abs(c.weight())).thenComparing(Score.Contribution::feature))
                    .toList();
            double logOdds = model.learned().intercept() + contributions.stream().mapToDouble(Score.Contribution::weight).sum();
            probability = Math.round(LogisticRegression.sigmoid(logOdds) * 10_000.0) / 10_000.0;
            learned = new Score.Learned(model.learned().intercept(), contributions, Math.round(logOdds * 10_000.0) / 10_000.0);
        }
        return new Score(model.version(), fit.score(), engagement.score(), total, grade, probability,
                new Score.Explanation(fit, engagement, totalReason, gradeReason, learned));
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

    private static String grade(CompiledModel model, int fit) {
        if (fit >= model.gradeA()) {
            return "A";
        }
        if (fit >= model.gradeB()) {
            return "B";
        }
        return fit >= model.gradeC() ? "C" : "D";
    }

    private static String gradeReason(CompiledModel model, String grade, int fit) {
        return switch (grade) {
            case "A" -> "A: fit " + fit + " is at least " + model.gradeA();
            case "B" -> "B: fit " + fit + " is at least " + model.gradeB();
            case "C" -> "C: fit " + fit + " is at least " + model.gradeC();
            default -> "D: fit " + fit + " is below " + model.gradeC();
        };
    }

    private static int clamp(int value, int low, int high) {
        return Math.max(low, Math.min(high, value));
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(Math.round(value * 1000) / 1000.0);
    }
}
