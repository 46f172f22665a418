package io.leadhandoff.condition;

import io.leadhandoff.common.Problem.FieldError;
import java.util.List;

/**
 * What one document of conditions (a rule set, a scoring model, a simulation's draft) may cost to
 * compile and evaluate: a bounded number of condition nodes and list values, a bounded total of
 * regular-expression program, and a deadline. Each limit is named in the 422 that refuses it.
 */
public final class ExpressionBudget {

    /** Condition nodes (comparisons and all/any/not) in one document. */
    public static final int MAX_CONDITIONS = 2_000;
    /** Values of in/notIn lists in one document. */
    public static final int MAX_LIST_VALUES = 20_000;
    /** Largest count of one counted repetition, x{n,m}. */
    public static final int MAX_REPEAT = 100;
    /** Largest product of nested counted repetitions, ((x{a}){b}){c}. */
    public static final int MAX_REPEAT_PRODUCT = 1_000;
    /** Estimated RE2 program size of one pattern (instructions). */
    public static final int MAX_PROGRAM = 2_000;
    /** Estimated RE2 program size of all patterns of one document. */
    public static final int MAX_TOTAL_PROGRAM = 50_000;

    private final long deadlineNanos;
    private final long deadlineMillis;
    private int conditions;
    private int listValues;
    private long program;
    private boolean exhausted;

    private ExpressionBudget(long deadlineMillis) {
        this.deadlineMillis = deadlineMillis;
        this.deadlineNanos = System.nanoTime() + deadlineMillis * 1_000_000;
    }

    /** A budget for one document, to be compiled within {@code deadlineMillis}. */
    public static ExpressionBudget forDocument(long deadlineMillis) {
        return new ExpressionBudget(deadlineMillis);
    }

    /**
     * A budget without a deadline, for documents that are saved or loaded: a slow moment of the machine
     * must not refuse a valid rule set, nor keep the active one from loading. The other limits hold.
     */
    public static ExpressionBudget withoutDeadline() {
        return new ExpressionBudget(Long.MAX_VALUE / 2_000_000);
    }

    /** True once a limit was hit: the compiler stops, so a refused document costs no more than the limit. */
    boolean exhausted() {
        return exhausted;
    }

    boolean node(String pointer, List<FieldError> errors) {
        if (++conditions > MAX_CONDITIONS) {
            return refuse(pointer, "is one condition too many: a rule set or model holds at most " + MAX_CONDITIONS
                    + " conditions (limit: conditions per document)", errors);
        }
        if (System.nanoTime() > deadlineNanos) {
            return refuse(pointer, "was not compiled: the conditions took longer than the " + deadlineMillis
                    + " ms allowed (limit: compile deadline)", errors);
        }
        return true;
    }

    boolean listValues(int count, String pointer, List<FieldError> errors) {
        listValues += count;
        return listValues <= MAX_LIST_VALUES || refuse(pointer, "brings the in/notIn values of this rule set or model above "
                + MAX_LIST_VALUES + " (limit: list values per document)", errors);
    }

    boolean pattern(RegexCost.Cost cost, String pointer, List<FieldError> errors) {
        if (cost.maxRepeat() > MAX_REPEAT) {
            errors.add(FieldError.atPointer(pointer, "repeats a part " + cost.maxRepeat() + " times; a counted repetition {n,m} may repeat at most "
                    + MAX_REPEAT + " times (limit: counted repetition)"));
            return false;
        }
        if (cost.repeatProduct() > MAX_REPEAT_PRODUCT) {
            errors.add(FieldError.atPointer(pointer, "nests counted repetitions to " + cost.repeatProduct() + " copies; nested counts may multiply to at most "
                    + MAX_REPEAT_PRODUCT + " (limit: nested repetition)"));
            return false;
        }
        if (cost.size() > MAX_PROGRAM) {
            errors.add(FieldError.atPointer(pointer, "would compile to about " + cost.size() + " instructions; a pattern may have at most "
                    + MAX_PROGRAM + " (limit: pattern program size)"));
            return false;
        }
        program += cost.size();
        return program <= MAX_TOTAL_PROGRAM || refuse(pointer, "brings the patterns of this rule set or model above " + MAX_TOTAL_PROGRAM
                + " compiled instructions (limit: pattern program per document)", errors);
    }

    private boolean refuse(String pointer, String message, List<FieldError> errors) {
        if (!exhausted) {
            errors.add(FieldError.atPointer(pointer, message));
        }
        exhausted = true;
        return false;
    }
}
