package io.leadhandoff.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem details body; the only error shape the API ever returns. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem details. `type` is stable and can be matched on; `title` is its human summary.")
public record Problem(
        @Schema(description = "Stable URI identifying the kind of problem", examples = "urn:lead-handoff:problem:validation")
        URI type,
        @Schema(description = "Short summary of the kind of problem", examples = "Request is not valid")
        String title,
        @Schema(description = "HTTP status code", examples = "422")
        int status,
        @Schema(description = "What went wrong with this request", examples = "2 fields are not valid")
        String detail,
        @Schema(description = "The request path", examples = "/api/v1/leads")
        String instance,
        @Schema(description = "Request id, also in the X-Request-Id response header and the server log", examples = "01JD3Q8W8T3V6Y1M0N2P4R6S8T")
        String requestId,
        @Schema(description = "Every offending field or parameter (validation problems only)")
        List<FieldError> errors,
        @Schema(description = "Current state of the resource, for state conflicts", examples = "claimed")
        String currentState) {

    /** One offending input: a JSON pointer into the body, or the name of a query parameter or header. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "FieldError")
    public record FieldError(
            @Schema(description = "RFC 6901 JSON pointer into the request body", examples = "/email")
            String pointer,
            @Schema(description = "Name of the offending query parameter", examples = "limit")
            String parameter,
            @Schema(description = "Name of the offending header", examples = "Idempotency-Key")
            String header,
            @Schema(description = "What is wrong with it", examples = "must be a well-formed email address")
            String message) {

        public static FieldError atPointer(String pointer, String message) {
            return new FieldError(pointer, null, null, message);
        }

        public static FieldError atParameter(String parameter, String message) {
            return new FieldError(null, parameter, null, message);
        }

        public static FieldError atHeader(String header, String message) {
            return new FieldError(null, null, header, message);
        }
    }
}
