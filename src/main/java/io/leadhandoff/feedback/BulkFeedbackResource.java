package io.leadhandoff.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadhandoff.common.JsonBinder;
import io.leadhandoff.common.Problem;
import io.leadhandoff.common.ProblemMappers;
import io.leadhandoff.common.RequestBodies;
import io.leadhandoff.security.CurrentCaller;
import io.leadhandoff.security.Scope;
import io.leadhandoff.http.Writes;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/feedback")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Feedback")
@SecurityRequirement(name = Scope.SCHEME, scopes = "feedback:write")
public class BulkFeedbackResource {

    static final String EXAMPLE = "{\"verdicts\": [{\"leadId\": \"01JDB7T3V8Q5M4N2P1R0S9T8U7\", \"outcome\": \"ACCEPTED\", \"repId\": \"rep-042\", "
            + "\"leaseToken\": \"bGVhc2UtdG9rZW4tZXhhbXBsZQ\"}, {\"leadId\": \"01JDB7T3V8Q5M4N2P1R0S9T8U8\", \"outcome\": \"REJECTED\", "
            + "\"reason\": \"NO_BUDGET\", \"repId\": \"rep-042\", \"leaseToken\": \"c2Vjb25kLWxlYXNlLXRva2Vu\"}]}";

    private final FeedbackService feedback;
    private final Writes writes;
    private final JsonBinder binder;
    private final CurrentCaller caller;

    public BulkFeedbackResource(FeedbackService feedback, Writes writes, JsonBinder binder, CurrentCaller caller) {
        this.feedback = feedback;
        this.writes = writes;
        this.binder = binder;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "giveFeedbackInBulk", summary = "Record up to 100 verdicts",
            description = "Each verdict is what `giveFeedback` takes plus the `leadId` it is about, and gets the answer it would "
                    + "have had alone: `status` 200 with the lead's new `leadStatus`, or 404 / 409 / 422 with the `problem` "
                    + "(a lost lease, a transition that does not apply, an unknown reason). One refused verdict never fails the "
                    + "others. Verdicts on the same lead apply in request order. The body is `{\"verdicts\": [...]}` or a bare "
                    + "JSON array; more than 100 is a 413. All verdicts are written in one transaction; with `Idempotency-Key` the "
                    + "request is applied exactly once, and a retry replays every verdict's original result.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = BulkFeedbackRequest.class),
            examples = @ExampleObject(name = "two verdicts", value = EXAMPLE)))
    @APIResponse(responseCode = "200", description = "One result per verdict, in order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BulkFeedbackResult.class)))
    @APIResponse(responseCode = "400", description = "Body is not well-formed JSON", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "More than 100 verdicts", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The body is not a list of verdicts", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Response give(
            JsonNode body) {
        RequestBodies.Items items = RequestBodies.items(body, "verdicts", BulkFeedbackRequest.MAX_ITEMS);
        return writes.chunked(caller.get().id(), items.list(),
                new BulkFeedback(binder, feedback).chunks(items.list(), items.pointerPrefix(), caller.get()));
    }
}
