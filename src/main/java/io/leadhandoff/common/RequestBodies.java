package io.leadhandoff.common;

import com.fasterxml.jackson.databind.JsonNode;

/** The empty-body check every JSON endpoint shares. */
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
}
