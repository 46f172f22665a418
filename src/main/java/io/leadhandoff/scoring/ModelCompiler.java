package io.leadhandoff.scoring;

import io.leadhandoff.common.Problem.FieldError;
import io.leadhandoff.common.ProblemException;
import io.leadhandoff.condition.CompiledCondition;
import io.leadhandoff.condition.ConditionCompiler;
import io.leadhandoff.condition.ExpressionBudget;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks what Bean Validation cannot (conditions, rule ids, caps, weights, grades) and compiles. */
public final class ModelCompiler {

    static final double DEFAULT_WEIGHT = 0.5;
    static final int DEFAULT_CAP = 100;

    private ModelCompiler() {
    }

    /** Compiles {@code document} or throws a 422 listing every problem with its pointer. */
    public static CompiledModel compile(int version, ModelDocument document) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        ConditionCompiler conditions = new ConditionCompiler(false, ExpressionBudget.withoutDeadline());
        CompiledModel.CompiledDimension fit = dimension(document.fit(), "/fit", ids, errors, false, conditions);
        CompiledModel.CompiledDimension engagement = dimension(document.engagement(), "/engagement", ids, errors, true, conditions);
        double wf = document.weights() == null ? DEFAULT_WEIGHT : document.weights().fit();
        double we = document.weights() == null ? DEFAULT_WEIGHT : document.weights().engagement();
        if (Math.abs(wf + we - 1.0) > 1e-9) {
            errors.add(FieldError.atPointer("/weights", "fit and engagement weights must add up to 1"));
        }
        int a = document.grades() == null ? 75 : document.grades().a();
        int b = document.grades() == null ? 50 : document.grades().b();
        int c = document.grades() == null ? 25 : document.grades().c();
        if (!(a >= b && b >= c)) {
            errors.add(FieldError.atPointer("/grades", "thresholds must satisfy a ≥ b ≥ c"));
        }
        ModelDocument.Grades learnedGrades = document.learned() == null ? null : document.learned().grades();
        if (learnedGrades != null && !(learnedGrades.a() >= learnedGrades.b() && learnedGrades.b() >= learnedGrades.c())) {
            errors.add(FieldError.atPointer("/learned/grades", "thresholds must satisfy a ≥ b ≥ c"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return new CompiledModel(version, document, fit, engagement, wf, we, a, b, c, document.learned());
    }

    private static CompiledModel.CompiledDimension dimension(ModelDocument.Dimension d, String pointer, Set<String> ids,
                                                             List<FieldError> errors, boolean decays, ConditionCompiler conditions) {
        List<CompiledModel.CompiledRule> rules = new ArrayList<>();
        Set<String> groups = new HashSet<>();
        for (int i = 0; i < d.rules().size(); i++) {
            ModelDocument.Rule rule = d.rules().get(i);
            String rulePointer = pointer + "/rules/" + i;
            if (!ids.add(rule.id())) {
                errors.add(FieldError.atPointer(rulePointer + "/id", "is used by another rule of this model"));
            }
            if (rule.group() != null) {
                groups.add(rule.group());
            }
            CompiledCondition when = conditions.compile(rule.when(), rulePointer + "/when", errors);
            if (when != null) {
                rules.add(new CompiledModel.CompiledRule(rule.id(), rule.group(), when, rule.points(), when.describe()));
            }
        }
        Map<String, Integer> caps = d.groupCaps() == null ? Map.of() : new LinkedHashMap<>(d.groupCaps());
        for (String group : caps.keySet()) {
            if (!groups.contains(group)) {
                errors.add(FieldError.atPointer(pointer + "/groupCaps/" + group, "no rule of this dimension is in this group"));
            }
        }
        if (!decays && d.halfLifeDays() != null) {
            errors.add(FieldError.atPointer(pointer + "/halfLifeDays", "only engagement decays"));
        }
        return new CompiledModel.CompiledDimension(List.copyOf(rules), Map.copyOf(caps),
                d.cap() == null ? DEFAULT_CAP : d.cap(), decays ? d.halfLifeDays() : null);
    }
}
