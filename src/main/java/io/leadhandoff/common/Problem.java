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
        String currentState,
        @Schema(description = "How many inputs are not valid, when that is more than the " + Problem.MAX_ERRORS
                + " listed in `errors` (absent otherwise)", examples = "4096")
        Integer errorCount) {

    /** An answer lists at most this many errors, so its size stays a small multiple of the request's. */
    public static final int MAX_ERRORS = 100;
    /** Longest pointer, parameter or header name quoted back. */
    static final int MAX_NAME = 300;

    public Problem(URI type, String title, int status, String detail, String instance, String requestId, List<FieldError> errors,
                   String currentState) {
        this(type, title, status, detail, instance, requestId,
                errors == null || errors.size() <= MAX_ERRORS ? errors : List.copyOf(errors.subList(0, MAX_ERRORS)), currentState,
                errors == null || errors.size() <= MAX_ERRORS ? null : errors.size());
    }

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
            return new FieldError(shortened(pointer), null, null, message);
        }

        public static FieldError atParameter(String parameter, String message) {
            return new FieldError(null, shortened(parameter), null, message);
        }

        public static FieldError atHeader(String header, String message) {
            return new FieldError(null, null, shortened(header), message);
        }

        /** A name taken from the request, cut so that an answer never grows with the length of a caller's keys. */
        private static String shortened(String name) {
            return name == null || name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME) + "…";
        }
    }
}
