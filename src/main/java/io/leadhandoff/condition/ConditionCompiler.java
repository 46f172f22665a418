package io.leadhandoff.condition;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.leadhandoff.common.Problem.FieldError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

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

    /** Normalises a fact for comparison: numbers as BigDecimal, text lower-cased. */
    static Object comparable(Object fact) {
        if (fact instanceof BigDecimal d) {
            return d;
        }
        if (fact instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        if (fact instanceof String s) {
            return s.toLowerCase(Locale.ROOT);
        }
        return fact;
    }

    static boolean same(Object fact, Object operand) {
        if (fact instanceof BigDecimal a && operand instanceof BigDecimal b) {
            return a.compareTo(b) == 0;
        }
        if (fact instanceof BigDecimal a && operand instanceof String b) {
            return a.toPlainString().equals(b);
        }
        if (fact instanceof String a && operand instanceof BigDecimal b) {
            return a.equals(b.toPlainString());
        }
        return Objects.equals(fact, operand);
    }

    /** The operators of the condition language. */
    enum Op {
        EQUALS("equals"), IN("in"), NOT_IN("notIn"), CONTAINS("contains"), STARTS_WITH("startsWith"),
        ENDS_WITH("endsWith"), MATCHES("matches"), GTE("gte"), LTE("lte"), BETWEEN("between"),
        EXISTS("exists"), MISSING("missing");

        final String wire;

        Op(String wire) {
            this.wire = wire;
        }

        static Op of(String wire) {
            for (Op op : values()) {
                if (op.wire.equals(wire)) {
                    return op;
                }
            }
            return null;
        }

        static String names() {
            return java.util.Arrays.stream(values()).map(o -> o.wire).collect(Collectors.joining(", "));
        }
    }

    record Comparison(String field, Op op, List<Object> operands, Pattern pattern) implements CompiledCondition {
        @Override
        public boolean test(Facts facts) {
            Object raw = facts.get(field);
            if (op == Op.EXISTS || op == Op.MISSING) {
                boolean present = raw != null && !(raw instanceof String s && s.isEmpty());
                return op == Op.EXISTS ? present : !present;
            }
            if (raw == null) {
                return false;
            }
            Object fact = comparable(raw);
            return switch (op) {
                case EQUALS -> same(fact, operands.get(0));
                case IN -> operands.stream().anyMatch(o -> same(fact, o));
                case NOT_IN -> operands.stream().noneMatch(o -> same(fact, o));
                case CONTAINS -> text(fact).contains((String) operands.get(0));
                case STARTS_WITH -> text(fact).startsWith((String) operands.get(0));
                case ENDS_WITH -> text(fact).endsWith((String) operands.get(0));
                case MATCHES -> pattern.matcher(String.valueOf(raw)).find();
                case GTE -> fact instanceof BigDecimal d && d.compareTo((BigDecimal) operands.get(0)) >= 0;
                case LTE -> fact instanceof BigDecimal d && d.compareTo((BigDecimal) operands.get(0)) <= 0;
                case BETWEEN -> fact instanceof BigDecimal d && d.compareTo((BigDecimal) operands.get(0)) >= 0
                        && d.compareTo((BigDecimal) operands.get(1)) <= 0;
                default -> false;
            };
        }

        private static String text(Object fact) {
            return fact instanceof BigDecimal d ? d.toPlainString() : String.valueOf(fact);
        }

        @Override
        public String describe() {
            return switch (op) {
                case EXISTS, MISSING -> field + " " + op.wire;
                case IN, NOT_IN, BETWEEN -> field + " " + op.wire + " " + operands.stream().map(Comparison::render).toList();
                default -> field + " " + op.wire + " " + render(operands.get(0));
            };
        }

        private static String render(Object operand) {
            return operand instanceof String s ? "\"" + s + "\"" : operand instanceof BigDecimal d ? d.toPlainString() : String.valueOf(operand);
        }
    }

    record All(List<CompiledCondition> parts) implements CompiledCondition {
        @Override
        public boolean test(Facts facts) {
            return parts.stream().allMatch(p -> p.test(facts));
        }

        @Override
        public String describe() {
            return parts.stream().map(CompiledCondition::describe).collect(Collectors.joining(" and ", "(", ")"));
        }
    }

    record Any(List<CompiledCondition> parts) implements CompiledCondition {
        @Override
        public boolean test(Facts facts) {
            return parts.stream().anyMatch(p -> p.test(facts));
        }

        @Override
        public String describe() {
            return parts.stream().map(CompiledCondition::describe).collect(Collectors.joining(" or ", "(", ")"));
        }
    }

    record Not(CompiledCondition inner) implements CompiledCondition {
        @Override
        public boolean test(Facts facts) {
            return !inner.test(facts);
        }

        @Override
        public String describe() {
            return "not " + inner.describe();
        }
    }
}
