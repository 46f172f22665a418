package io.leadhandoff.condition;

/** A checked, ready-to-run condition. Evaluation is pure and never throws. */
public interface CompiledCondition {

    boolean test(Facts facts);

    /** A human-readable rendering, e.g. {@code title contains "director"}, used in explanations. */
    String describe();
}
