package io.leadhandoff.condition;

import com.google.re2j.Pattern;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The compiled condition tree that {@link ConditionCompiler} builds: the operators, the nodes that test
 * facts, and how a fact compares with an operand (numbers by value, text case-insensitively).
 */
final class ConditionNodes {

    private ConditionNodes() {
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
            return Arrays.stream(values()).map(o -> o.wire).collect(Collectors.joining(", "));
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
