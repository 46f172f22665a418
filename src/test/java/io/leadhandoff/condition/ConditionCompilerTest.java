package io.leadhandoff.condition;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhandoff.common.Problem.FieldError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ConditionCompilerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Facts LEAD = Facts.builder()
            .put("title", "VP of Engineering").put("country", "GB").put("employeeCount", 250)
            .put("annualRevenue", new BigDecimal("12000000.00")).put("freeEmail", false)
            .put("attributes.plan", "Team").put("attributes.seats", 25).build();

    static Condition parse(String json) {
        try {
            return JSON.readValue(json, Condition.class);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static boolean eval(String json) {
        List<FieldError> errors = new ArrayList<>();
        CompiledCondition c = new ConditionCompiler(false).compile(parse(json), "", errors);
        assertThat(errors).isEmpty();
        return c.test(LEAD);
    }

    private static List<FieldError> errors(String json, boolean scoreKnown) {
        List<FieldError> errors = new ArrayList<>();
        new ConditionCompiler(scoreKnown).compile(parse(json), "/when", errors);
        return errors;
    }

    @Test
    void comparesTextIgnoringCase() {
        assertThat(eval("{\"field\":\"title\",\"op\":\"contains\",\"value\":\"vp\"}")).isTrue();
        assertThat(eval("{\"field\":\"title\",\"op\":\"startsWith\",\"value\":\"VP OF\"}")).isTrue();
        assertThat(eval("{\"field\":\"title\",\"op\":\"endsWith\",\"value\":\"engineering\"}")).isTrue();
        assertThat(eval("{\"field\":\"country\",\"op\":\"equals\",\"value\":\"gb\"}")).isTrue();
        assertThat(eval("{\"field\":\"country\",\"op\":\"in\",\"value\":[\"US\",\"GB\"]}")).isTrue();
        assertThat(eval("{\"field\":\"country\",\"op\":\"notIn\",\"value\":[\"US\",\"GB\"]}")).isFalse();
    }

    @Test
    void comparesNumbers() {
        assertThat(eval("{\"field\":\"employeeCount\",\"op\":\"gte\",\"value\":250}")).isTrue();
        assertThat(eval("{\"field\":\"employeeCount\",\"op\":\"lte\",\"value\":249}")).isFalse();
        assertThat(eval("{\"field\":\"employeeCount\",\"op\":\"between\",\"value\":[100,999]}")).isTrue();
        assertThat(eval("{\"field\":\"annualRevenue\",\"op\":\"equals\",\"value\":12000000}")).isTrue();
    }

    @Test
    void matchesRegularExpressions() {
        assertThat(eval("{\"field\":\"title\",\"op\":\"matches\",\"value\":\"\\\\b(vp|director)\\\\b\"}")).isTrue();
        assertThat(eval("{\"field\":\"title\",\"op\":\"matches\",\"value\":\"^intern\"}")).isFalse();
    }

    @Test
    void evaluatesAHostilePatternInLinearTime() {
        List<FieldError> errors = new ArrayList<>();
        CompiledCondition c = new ConditionCompiler(false).compile(parse("{\"field\":\"title\",\"op\":\"matches\",\"value\":\"(a+)+$\"}"), "", errors);
        Facts evil = Facts.builder().put("title", "a".repeat(50_000) + "!").build();
        assertThat(c.test(evil)).isFalse();
    }

    @Test
    void treatsMissingValuesAsFalseExceptForMissingAndNot() {
        assertThat(eval("{\"field\":\"industry\",\"op\":\"notIn\",\"value\":[\"retail\"]}")).isFalse();
        assertThat(eval("{\"field\":\"industry\",\"op\":\"missing\"}")).isTrue();
        assertThat(eval("{\"field\":\"title\",\"op\":\"exists\"}")).isTrue();
        assertThat(eval("{\"not\":{\"field\":\"industry\",\"op\":\"equals\",\"value\":\"retail\"}}")).isTrue();
    }

    @Test
    void combinesWithAllAnyNot() {
        assertThat(eval("{\"all\":[{\"field\":\"country\",\"op\":\"equals\",\"value\":\"GB\"},{\"field\":\"employeeCount\",\"op\":\"gte\",\"value\":100}]}")).isTrue();
        assertThat(eval("{\"any\":[{\"field\":\"country\",\"op\":\"equals\",\"value\":\"US\"},{\"field\":\"freeEmail\",\"op\":\"equals\",\"value\":true}]}")).isFalse();
        assertThat(eval("{\"not\":{\"field\":\"freeEmail\",\"op\":\"equals\",\"value\":true}}")).isTrue();
    }

    @Test
    void readsCustomAttributesByTheirValue() {
        assertThat(eval("{\"field\":\"attributes.plan\",\"op\":\"equals\",\"value\":\"team\"}")).isTrue();
        assertThat(eval("{\"field\":\"attributes.seats\",\"op\":\"gte\",\"value\":10}")).isTrue();
        assertThat(eval("{\"field\":\"attributes.seats\",\"op\":\"equals\",\"value\":\"25\"}")).isTrue();
        assertThat(eval("{\"field\":\"attributes.plan\",\"op\":\"gte\",\"value\":10}")).isFalse();
    }

    @Test
    void pointsAtAnUnknownField() {
        assertThat(errors("{\"field\":\"jobTitle\",\"op\":\"equals\",\"value\":\"x\"}", false))
                .extracting(FieldError::pointer).containsExactly("/when/field");
    }

    @Test
    void refusesScoreFieldsWhileScoring() {
        assertThat(errors("{\"field\":\"score.total\",\"op\":\"gte\",\"value\":50}", false))
                .extracting(FieldError::pointer).containsExactly("/when/field");
        assertThat(errors("{\"field\":\"score.total\",\"op\":\"gte\",\"value\":50}", true)).isEmpty();
    }

    @Test
    void pointsAtABadOperatorRegexOrTypeMismatch() {
        assertThat(errors("{\"field\":\"title\",\"op\":\"like\",\"value\":\"x\"}", false)).extracting(FieldError::pointer).containsExactly("/when/op");
        assertThat(errors("{\"field\":\"title\",\"op\":\"matches\",\"value\":\"(unclosed\"}", false)).extracting(FieldError::pointer).containsExactly("/when/value");
        assertThat(errors("{\"field\":\"title\",\"op\":\"gte\",\"value\":3}", false)).extracting(FieldError::pointer).containsExactly("/when/op");
        assertThat(errors("{\"field\":\"employeeCount\",\"op\":\"equals\",\"value\":\"many\"}", false)).extracting(FieldError::pointer).containsExactly("/when/value");
        assertThat(errors("{\"field\":\"employeeCount\",\"op\":\"between\",\"value\":[10,1]}", false)).extracting(FieldError::pointer).containsExactly("/when/value");
        assertThat(errors("{\"field\":\"title\",\"op\":\"matches\",\"value\":\"" + "a".repeat(201) + "\"}", false)).hasSize(1);
        assertThat(errors("{\"any\":[{\"field\":\"title\",\"op\":\"exists\"},{\"field\":\"nope\",\"op\":\"exists\"}]}", false))
                .extracting(FieldError::pointer).containsExactly("/when/any/1/field");
    }

    @Test
    void readsEmptyListsAndNullsOfUnusedFormsAsAbsentAsGeneratedClientsSendThem() {
        assertThat(eval("{\"field\":\"title\",\"op\":\"contains\",\"value\":\"engineering\",\"all\":[],\"any\":[],\"not\":null}")).isTrue();
        assertThat(eval("{\"field\":null,\"op\":null,\"value\":null,\"any\":[],\"not\":null,"
                + "\"all\":[{\"field\":\"country\",\"op\":\"equals\",\"value\":\"GB\",\"all\":[],\"any\":[]}]}")).isTrue();
        assertThat(eval("{\"field\":\"title\",\"op\":\"exists\",\"value\":null,\"all\":[],\"any\":[]}")).isTrue();
    }

    @Test
    void refusesAmbiguousOrEmptyNodes() {
        assertThat(errors("{\"field\":\"title\",\"op\":\"exists\",\"all\":[{\"field\":\"title\",\"op\":\"exists\"}]}", false)).hasSize(1);
        assertThat(errors("{\"all\":[]}", false)).extracting(FieldError::pointer).containsExactly("/when/all");
        assertThat(errors("{}", false)).hasSize(1);
    }

    @Test
    void refusesConditionsNestedTooDeep() {
        String deep = "{\"not\":".repeat(11) + "{\"field\":\"title\",\"op\":\"exists\"}" + "}".repeat(11);
        assertThat(errors(deep, false)).hasSize(1);
    }

    @Property
    void betweenAgreesWithGteAndLte(@ForAll @IntRange(min = -1000, max = 1000) int value,
                                    @ForAll @IntRange(min = -1000, max = 1000) int low,
                                    @ForAll @IntRange(min = 0, max = 1000) int width) {
        int high = low + width;
        Facts facts = Facts.builder().put("employeeCount", value).build();
        ConditionCompiler compiler = new ConditionCompiler(false);
        List<FieldError> errors = new ArrayList<>();
        boolean between = compiler.compile(Condition.compare("employeeCount", "between", JSON.valueToTree(List.of(low, high))), "", errors).test(facts);
        boolean gte = compiler.compile(Condition.compare("employeeCount", "gte", JSON.valueToTree(low)), "", errors).test(facts);
        boolean lte = compiler.compile(Condition.compare("employeeCount", "lte", JSON.valueToTree(high)), "", errors).test(facts);
        assertThat(between).isEqualTo(gte && lte);
    }

    @Property
    void notIsTheNegationOfAnyComparison(@ForAll("conditions") Map<String, Object> comparison) {
        JsonNode node = JSON.valueToTree(comparison);
        Condition c = JSON.convertValue(node, Condition.class);
        List<FieldError> errors = new ArrayList<>();
        ConditionCompiler compiler = new ConditionCompiler(false);
        CompiledCondition positive = compiler.compile(c, "", errors);
        CompiledCondition negative = compiler.compile(new Condition(null, null, null, null, null, c), "", errors);
        assertThat(errors).isEmpty();
        assertThat(negative.test(LEAD)).isEqualTo(!positive.test(LEAD));
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Map<String, Object>> conditions() {
        var text = net.jqwik.api.Combinators.combine(
                net.jqwik.api.Arbitraries.of("title", "country", "industry", "attributes.plan"),
                net.jqwik.api.Arbitraries.of("equals", "contains", "startsWith", "endsWith"),
                net.jqwik.api.Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(5))
                .as((f, op, v) -> Map.<String, Object>of("field", f, "op", op, "value", v));
        var number = net.jqwik.api.Combinators.combine(
                net.jqwik.api.Arbitraries.of("employeeCount", "annualRevenue", "attributes.seats"),
                net.jqwik.api.Arbitraries.of("gte", "lte", "equals"),
                net.jqwik.api.Arbitraries.integers().between(-10, 20_000_000))
                .as((f, op, v) -> Map.<String, Object>of("field", f, "op", op, "value", v));
        return net.jqwik.api.Arbitraries.oneOf(text, number);
    }
}
