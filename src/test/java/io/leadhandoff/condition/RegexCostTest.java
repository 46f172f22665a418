package io.leadhandoff.condition;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import com.google.re2j.Pattern;
import io.leadhandoff.common.Problem.FieldError;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Example;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class RegexCostTest {

    /** The instructions RE2/J really compiled (its program is package-private: read for the test only). */
    static int compiledInstructions(String regex) throws ReflectiveOperationException {
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
        } catch (com.google.re2j.PatternSyntaxException e) {
            net.jqwik.api.Assume.that(false); // RE2 refuses it: nothing is compiled, nothing to bound
            throw e;
        }
        Field re2 = Pattern.class.getDeclaredField("re2");
        re2.setAccessible(true);
        Object compiled = re2.get(pattern);
        Field prog = compiled.getClass().getDeclaredField("prog");
        prog.setAccessible(true);
        Object program = prog.get(compiled);
        Field size = program.getClass().getDeclaredField("instSize");
        size.setAccessible(true);
        return size.getInt(program);
    }

    @Provide
    Arbitrary<String> patterns() {
        Arbitrary<String> atoms = Arbitraries.oneOf(
                Arbitraries.strings().withChars("abcxyz019.").ofLength(1),
                Arbitraries.of("[a-z]", "[^0-9]", "\\d", "\\w", "\\pL", "\\p{Greek}", "\\Qa.b\\E", "(?i)", "^", "$"));
        Arbitrary<String> quantifiers = Arbitraries.oneOf(Arbitraries.of("", "", "*", "+", "?", "*?"),
                Combinators.combine(Arbitraries.integers().between(0, 12), Arbitraries.integers().between(0, 12))
                        .as((a, b) -> "{" + Math.min(a, b) + "," + Math.max(a, b) + "}"),
                Arbitraries.integers().between(1, 12).map(n -> "{" + n + "}"),
                Arbitraries.integers().between(0, 12).map(n -> "{" + n + ",}"));
        return pattern(Combinators.combine(atoms, quantifiers).as(String::concat), quantifiers, 4);
    }

    private static Arbitrary<String> pattern(Arbitrary<String> atom, Arbitrary<String> quantifiers, int depth) {
        if (depth == 0) {
            return atom;
        }
        Arbitrary<String> sub = pattern(atom, quantifiers, depth - 1);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, atom),
                net.jqwik.api.Tuple.of(2, Combinators.combine(sub, sub).as(String::concat)),
                net.jqwik.api.Tuple.of(1, Combinators.combine(sub, sub).as((a, b) -> a + "|" + b)),
                net.jqwik.api.Tuple.of(2, Combinators.combine(sub, quantifiers).as((p, q) -> "(" + p + ")" + q)),
                net.jqwik.api.Tuple.of(1, Combinators.combine(sub, quantifiers).as((p, q) -> "(?:" + p + ")" + q)));
    }

    // fixed seeds: CI must not fail on a pattern met for the first time; new seeds are tried by changing them here
    @Property(tries = 2000, seed = "20261130")
    void theEstimateIsAnUpperBoundOfTheCompiledProgram(@ForAll("patterns") String regex) throws ReflectiveOperationException {
        RegexCost.Cost cost = RegexCost.of(regex);
        assertThat((long) compiledInstructions(regex)).as(regex).isLessThanOrEqualTo(cost.size() + 4);
    }

    @Example
    void anEmptyGroupInsideARepetitionIsCounted() throws ReflectiveOperationException {
        // found by the property above: an empty capture group still compiles to an instruction
        for (String found : List.of("(a((?i))){3}a", "((?i)){3}", "((^{0,})){3}", "((?:(a{0,9}){0,0})*){2}a")) {
            assertThat((long) compiledInstructions(found)).as(found).isLessThanOrEqualTo(RegexCost.of(found).size() + 4);
        }
    }

    @Property(tries = 2000, seed = "20261130")
    void theEstimateIsOfTheSameOrderAsTheCompiledProgram(@ForAll("patterns") String regex) throws ReflectiveOperationException {
        RegexCost.Cost cost = RegexCost.of(regex);
        assertThat(cost.size()).as(regex).isLessThanOrEqualTo(4L * compiledInstructions(regex) + 10);
    }

    @Property(tries = 2000)
    void anyTextIsEstimatedInOnePassWithoutFailing(@ForAll String text) {
        RegexCost.Cost cost = RegexCost.of(text);
        assertThat(cost.size()).isBetween(0L, 1L << 40);
    }

    @Test
    void nestedCountedRepetitionMultiplies() {
        RegexCost.Cost cost = RegexCost.of("((a{1,100}){1,100}){1,100}");
        assertThat(cost.repeatProduct()).isEqualTo(1_000_000);
        assertThat(cost.maxRepeat()).isEqualTo(100);
        assertThat(cost.size()).isGreaterThan(1_000_000);
    }

    @Test
    void refusesEachLimitByName() {
        assertThat(refusal("a{101}")).contains("limit: counted repetition");
        assertThat(refusal("((a{1,20}){1,20}){1,20}")).contains("limit: nested repetition");
        assertThat(refusal("(abcdefghij){100}(abcdefghij){100}(abcdefghij){100}")).contains("limit: pattern program size");
        assertThat(refusal("[a-z]{2,3}\\.(com|org)")).isNull();
    }

    @Test
    void aDocumentStopsAtTheFirstExhaustedLimitSoARefusalCostsNoMoreThanTheLimit() {
        ExpressionBudget budget = ExpressionBudget.forDocument(10_000);
        ConditionCompiler compiler = new ConditionCompiler(false, budget);
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < ExpressionBudget.MAX_CONDITIONS + 500; i++) {
            compiler.compile(Condition.compare("title", "contains", new TextNode("x")), "/rules/" + i, errors);
        }
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).pointer()).isEqualTo("/rules/" + ExpressionBudget.MAX_CONDITIONS);
        assertThat(errors.get(0).message()).contains("limit: conditions per document");
    }

    @Test
    void theCompiledPatternsOfADocumentAreBoundedInTotal() {
        ConditionCompiler compiler = new ConditionCompiler(false, ExpressionBudget.forDocument(10_000));
        List<FieldError> errors = new ArrayList<>();
        String regex = "(abcdefghij){90}";
        for (int i = 0; i < 100 && errors.isEmpty(); i++) {
            compiler.compile(Condition.compare("title", "matches", new TextNode(regex + i)), "/" + i, errors);
        }
        assertThat(errors).singleElement().extracting(FieldError::message).asString().contains("limit: pattern program per document");
    }

    private static String refusal(String regex) {
        List<FieldError> errors = new ArrayList<>();
        new ConditionCompiler(false).compile(Condition.compare("title", "matches", new TextNode(regex)), "", errors);
        return errors.isEmpty() ? null : errors.get(0).message();
    }
}
