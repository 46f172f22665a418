package io.leadhandoff.condition;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A condition on a lead, as written in scoring models and routing rules. Exactly one form per node:
 * a comparison ({@code field} + {@code op} + {@code value}), or {@code all}, {@code any}, {@code not}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Condition", description = """
        A comparison `{"field": "title", "op": "contains", "value": "director"}` or a combination
        `{"all": [...]}`, `{"any": [...]}`, `{"not": {...}}`. Operators: equals, in, notIn, contains, startsWith,
        endsWith, matches (RE2 regular expression, at most 200 characters), gte, lte, between ([low, high], inclusive),
        exists, missing. String comparisons ignore case. Every comparison is false when the field has no value
        (use `missing` to match that). Limits, each named in the 422 that refuses it: 10 levels of nesting, 50
        conditions per all/any, 500 values per in/notIn; per rule set or model 2,000 conditions and 20,000 list values;
        per pattern a counted repetition of at most 100, nested counts multiplying to at most 1,000 and about 2,000
        compiled instructions, and 50,000 instructions for all patterns of a rule set or model.""")
public record Condition(
        @Schema(description = "Field reference: a lead field (title, country, employeeCount, …), utm.*, activity.*, "
                + "contact.* (phonePresent, phoneValid, roleMailbox, disposableEmail, placeholderName, companyMissing, issues), "
                + "attributes.<name>, and in routing rules score.* (fit, engagement, total, grade, acceptanceProbability) and routing.*",
                examples = "title")
        String field,
        @Schema(enumeration = {"equals", "in", "notIn", "contains", "startsWith", "endsWith", "matches", "gte", "lte",
                "between", "exists", "missing"}, examples = "contains")
        String op,
        @Schema(description = "Operand, any JSON value: a string, number or boolean for equals, contains, startsWith, endsWith, "
                + "matches, gte and lte; an array of them for in and notIn; an array [low, high] for between; absent or null "
                + "for exists and missing",
                examples = "director", type = SchemaType.DEFAULT, implementation = Void.class)
        JsonNode value,
        @Schema(description = "True when every condition is true (1 to " + ConditionCompiler.MAX_BRANCHES + "). An empty array or null is the same as absent.")
        @Size(max = ConditionCompiler.MAX_BRANCHES) List<Condition> all,
        @Schema(description = "True when at least one condition is true (1 to " + ConditionCompiler.MAX_BRANCHES + "). An empty array or null is the same as absent.")
        @Size(max = ConditionCompiler.MAX_BRANCHES) List<Condition> any,
        @Schema(description = "True when the condition is false. Null is the same as absent.") Condition not) {

    public static Condition compare(String field, String op, JsonNode value) {
        return new Condition(field, op, value, null, null, null);
    }
}
