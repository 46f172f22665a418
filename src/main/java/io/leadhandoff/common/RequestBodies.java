package io.leadhandoff.common;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The body checks JSON endpoints share: not empty; for bulk operations, a bounded list of items. */
public final class RequestBodies {

    private RequestBodies() {
    }

    /** The body, or a 400 problem when the request had none. */
    public static JsonNode require(JsonNode body) {
        if (body == null || body.isMissingNode()) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "The request body is empty; send a JSON object");
        }
        return body;
    }

    /**
     * The items of a bulk body, {@code {"<field>": [...]}} or a bare array, with the JSON pointer prefix of an item:
     * a 422 when there is no list, it is empty or the object has other fields, a 413 past {@code max} items.
     */
    public static Items items(JsonNode body, String field, int max) {
        require(body);
        JsonNode items = body.isArray() ? body : body.get(field);
        String prefix = body.isArray() ? "/" : "/" + field + "/";
        if (items == null || !items.isArray()) {
            throw ProblemException.validation(List.of(Problem.FieldError.atPointer(body.isObject() ? "/" + field : "",
                    "must be a JSON array of " + field)));
        }
        List<Problem.FieldError> unknown = new ArrayList<>();
        body.fieldNames().forEachRemaining(name -> {
            if (!name.equals(field)) {
                unknown.add(Problem.FieldError.atPointer("/" + name.replace("~", "~0").replace("/", "~1"), "is not a known field"));
            }
        });
        if (!unknown.isEmpty()) {
            throw ProblemException.validation(unknown);
        }
        if (items.size() > max) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE,
                    "One request holds at most " + max + " " + field + "; this one has " + items.size());
        }
        if (items.isEmpty()) {
            throw ProblemException.validation(List.of(Problem.FieldError.atPointer(prefix.substring(0, prefix.length() - 1),
                    "must contain at least one item")));
        }
        List<JsonNode> list = new ArrayList<>(items.size());
        items.forEach(list::add);
        return new Items(list, prefix);
    }

    /** The items of a bulk body and the pointer prefix of each ({@code /leads/} or {@code /}), to which its index is appended. */
    public record Items(List<JsonNode> list, String pointerPrefix) {
    }
}
