package io.leadhandoff.scoring;

import io.leadhandoff.condition.CompiledCondition;
import java.util.List;
import java.util.Map;

/** A checked model, ready for {@link Scorer}. Built only by {@link ModelCompiler}. */
public record CompiledModel(
        int version,
        ModelDocument document,
        CompiledDimension fit,
        CompiledDimension engagement,
        double fitWeight,
        double engagementWeight,
        int gradeA,
        int gradeB,
        int gradeC,
        LearnedModel learned) {

    /** A dimension with compiled rules. */
    public record CompiledDimension(List<CompiledRule> rules, Map<String, Integer> groupCaps, int cap, Double halfLifeDays) {
    }

    /** A rule with its compiled condition, and that condition rendered once for explanations. */
    public record CompiledRule(String id, String group, CompiledCondition when, int points, String reason) {
    }
}
