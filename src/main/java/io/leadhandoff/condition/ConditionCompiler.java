package io.leadhandoff.condition;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.leadhandoff.common.Problem.FieldError;
import io.leadhandoff.condition.ConditionNodes.All;
import io.leadhandoff.condition.ConditionNodes.Any;
import io.leadhandoff.condition.ConditionNodes.Comparison;
import io.leadhandoff.condition.ConditionNodes.Not;
import io.leadhandoff.condition.ConditionNodes.Op;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks a {@link Condition} tree and compiles it. Every problem is reported with a JSON pointer to the
 * offending node, so an invalid scoring model or rule set is refused with a precise 422. Regular
 * expressions run on RE2/J, whose matching time is linear in the input; what they cost to compile, and
 * how many conditions one document holds, is bounded by its {@link ExpressionBudget}.
 */
public final class ConditionCompiler {

    public static final int MAX_PATTERN_LENGTH = 200;
    public static final int MAX_DEPTH = 10;
    public static final int MAX_BRANCHES = 50;
    public static final int MAX_LIST = 500;

    /** Compile deadline of a document that is tried, not saved (a simulation's draft rules). */
    public static final long DEADLINE_MILLIS = 2_000;

    private final boolean scoreKnown;
    private final ExpressionBudget budget;

    /** @param scoreKnown whether score.* fields may be used (routing) or not (scoring). */
    public ConditionCompiler(boolean scoreKnown) {
        this(scoreKnown, ExpressionBudget.withoutDeadline());
    }

    /** A compiler that charges every condition it compiles to {@code budget} (one budget per document). */
    public ConditionCompiler(boolean scoreKnown, ExpressionBudget budget) {
        this.scoreKnown = scoreKnown;
        this.budget = budget;
    }

    /** Compiles {@code condition}, adding problems to {@code errors}; returns null when there were any. */
    public CompiledCondition compile(Condition condition, String pointer, List<FieldError> errors) {
        int before = errors.size();
        CompiledCondition compiled = node(condition, pointer, errors, 1);
        return errors.size() == before ? compiled : null;
    }

    private CompiledCondition node(Condition c, String pointer, List<FieldError> errors, int depth) {
        if (budget.exhausted() || !budget.node(pointer, errors)) {
            return null;
        }
        if (c == null) {
            errors.add(FieldError.atPointer(pointer, "a condition is required"));
            return null;
        }
        if (depth > MAX_DEPTH) {
            errors.add(FieldError.atPointer(pointer, "conditions nest at most " + MAX_DEPTH + " levels deep"));
            return null;
        }
        // generated clients send empty lists and nulls for the forms they do not use: those are absent
        boolean all = c.all() != null && !c.all().isEmpty();
        boolean any = c.any() != null && !c.any().isEmpty();
        int forms = (c.op() != null || c.field() != null ? 1 : 0) + (all ? 1 : 0) + (any ? 1 : 0) + (c.not() != null ? 1 : 0);
        if (forms == 0 && (c.all() != null || c.any() != null)) {
            errors.add(FieldError.atPointer(pointer + (c.all() != null ? "/all" : "/any"), "must hold 1 to " + MAX_BRANCHES + " conditions"));
            return null;
        }
        if (forms != 1) {
            errors.add(FieldError.atPointer(pointer,
                    "must be exactly one of a comparison (field, op, value), all, any or not"));
            return null;
        }
        if (all) {
            List<CompiledCondition> parts = branches(c.all(), pointer + "/all", errors, depth);
            return parts == null ? null : new All(parts);
        }
        if (any) {
            List<CompiledCondition> parts = branches(c.any(), pointer + "/any", errors, depth);
            return parts == null ? null : new Any(parts);
        }
        if (c.not() != null) {
            CompiledCondition inner = node(c.not(), pointer + "/not", errors, depth + 1);
            return inner == null ? null : new Not(inner);
        }
        return comparison(c, pointer, errors);
    }

    private List<CompiledCondition> branches(List<Condition> list, String pointer, List<FieldError> errors, int depth) {
        if (list.isEmpty() || list.size() > MAX_BRANCHES) {
            errors.add(FieldError.atPointer(pointer, "must hold 1 to " + MAX_BRANCHES + " conditions"));
            return null;
        }
        List<CompiledCondition> parts = new ArrayList<>();
        for (int i = 0; i < list.size() && !budget.exhausted(); i++) {
            parts.add(node(list.get(i), pointer + "/" + i, errors, depth + 1));
        }
        return parts.contains(null) ? null : parts;
    }

    private CompiledCondition comparison(Condition c, String pointer, List<FieldError> errors) {
        FieldType type = Fields.typeOf(c.field(), scoreKnown);
        if (c.field() == null) {
            errors.add(FieldError.atPointer(pointer + "/field", "is required"));
        } else if (type == null) {
            errors.add(FieldError.atPointer(pointer + "/field", "is not a known field"
                    + (Fields.SCORE.containsKey(c.field()) ? " here: the score is not known while scoring" : "")));
        }
        Op op = Op.of(c.op());
        if (op == null) {
            errors.add(FieldError.atPointer(pointer + "/op", "must be one of " + Op.names()));
        }
        if (type == null || op == null) {
            return null;
        }
        String valuePointer = pointer + "/value";
        JsonNode value = c.value() == null || c.value().isNull() ? null : c.value();
        switch (op) {
            case EXISTS, MISSING -> {
                if (value != null) {
                    errors.add(FieldError.atPointer(valuePointer, "must be absent for " + op.wire));
                    return null;
                }
                return new Comparison(c.field(), op, List.of(), null);
            }
            case EQUALS -> {
                Object operand = scalar(value, type, valuePointer, errors);
                return operand == null ? null : new Comparison(c.field(), op, List.of(operand), null);
            }
            case IN, NOT_IN -> {
                if (value == null || !value.isArray() || value.isEmpty() || value.size() > MAX_LIST) {
                    errors.add(FieldError.atPointer(valuePointer, "must be an array of 1 to " + MAX_LIST + " values"));
                    return null;
                }
                if (!budget.listValues(value.size(), valuePointer, errors)) {
                    return null;
                }
                List<Object> operands = new ArrayList<>();
                for (int i = 0; i < value.size(); i++) {
                    operands.add(scalar(value.get(i), type, valuePointer + "/" + i, errors));
                }
                return operands.contains(null) ? null : new Comparison(c.field(), op, operands, null);
            }
            case CONTAINS, STARTS_WITH, ENDS_WITH, MATCHES -> {
                if (type != FieldType.STRING && type != FieldType.ANY) {
                    errors.add(FieldError.atPointer(pointer + "/op", op.wire + " needs a text field; " + c.field() + " is " + describe(type)));
                    return null;
                }
                if (value == null || !value.isTextual() || value.asText().isEmpty()
                        || value.asText().length() > MAX_PATTERN_LENGTH) {
                    errors.add(FieldError.atPointer(valuePointer, "must be a string of 1 to " + MAX_PATTERN_LENGTH + " characters"));
                    return null;
                }
                if (op == Op.MATCHES) {
                    if (!budget.pattern(RegexCost.of(value.asText()), valuePointer, errors)) {
                        return null;
                    }
                    try {
                        Pattern pattern = PatternCache.compile(value.asText());
                        return new Comparison(c.field(), op, List.of(value.asText()), pattern);
                    } catch (PatternSyntaxException e) {
                        errors.add(FieldError.atPointer(valuePointer, "is not a valid RE2 regular expression: " + e.getDescription()));
                        return null;
                    }
                }
                return new Comparison(c.field(), op, List.of(value.asText().toLowerCase(Locale.ROOT)), null);
            }
            case GTE, LTE -> {
                if (!numeric(type, c.field(), pointer, op, errors)) {
                    return null;
                }
                if (value == null || !value.isNumber()) {
                    errors.add(FieldError.atPointer(valuePointer, "must be a number"));
                    return null;
                }
                return new Comparison(c.field(), op, List.of(value.decimalValue()), null);
            }
            case BETWEEN -> {
                if (!numeric(type, c.field(), pointer, op, errors)) {
                    return null;
                }
                if (value == null || !value.isArray() || value.size() != 2 || !value.get(0).isNumber() || !value.get(1).isNumber()) {
                    errors.add(FieldError.atPointer(valuePointer, "must be [low, high], two numbers"));
                    return null;
                }
                BigDecimal low = value.get(0).decimalValue();
                BigDecimal high = value.get(1).decimalValue();
                if (low.compareTo(high) > 0) {
                    errors.add(FieldError.atPointer(valuePointer, "low must not be greater than high"));
                    return null;
                }
                return new Comparison(c.field(), op, List.of(low, high), null);
            }
            default -> throw new IllegalStateException(op.name());
        }
    }

    private static boolean numeric(FieldType type, String field, String pointer, Op op, List<FieldError> errors) {
        if (type == FieldType.NUMBER || type == FieldType.ANY) {
            return true;
        }
        errors.add(FieldError.atPointer(pointer + "/op", op.wire + " needs a numeric field; " + field + " is " + describe(type)));
        return false;
    }

    private static Object scalar(JsonNode value, FieldType type, String pointer, List<FieldError> errors) {
        if (value == null || value.isNull() || value.isContainerNode()) {
            errors.add(FieldError.atPointer(pointer, "must be " + expected(type)));
            return null;
        }
        switch (type) {
            case STRING -> {
                if (value.isTextual()) {
                    return value.asText().toLowerCase(Locale.ROOT);
                }
            }
            case NUMBER -> {
                if (value.isNumber()) {
                    return value.decimalValue();
                }
            }
            case BOOLEAN -> {
                if (value.isBoolean()) {
                    return value.booleanValue();
                }
            }
            case ANY -> {
                return value.isNumber() ? value.decimalValue() : value.isBoolean() ? (Object) value.booleanValue()
                        : value.asText().toLowerCase(Locale.ROOT);
            }
        }
        errors.add(FieldError.atPointer(pointer, "must be " + expected(type)));
        return null;
    }

    private static String expected(FieldType type) {
        return switch (type) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ANY -> "a string, number or boolean";
        };
    }

    private static String describe(FieldType type) {
        return switch (type) {
            case STRING -> "text";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ANY -> "untyped";
        };
    }
}
