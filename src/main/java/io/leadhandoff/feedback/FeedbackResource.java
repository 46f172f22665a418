package io.leadhandoff.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadhandoff.common.JsonBinder;
import io.leadhandoff.common.Problem;
import io.leadhandoff.common.ProblemMappers;
import io.leadhandoff.common.RequestBodies;
import io.leadhandoff.write.Answer;
import io.leadhandoff.http.Writes;
import io.leadhandoff.lead.LeadView;
import io.leadhandoff.security.Caller;
import io.leadhandoff.security.CurrentCaller;
import io.leadhandoff.security.Scope;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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

@Path("/api/v1/leads/{id}/feedback")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Feedback", description = "What sales said about each lead")
@SecurityRequirement(name = Scope.SCHEME, scopes = "feedback:write")
public class FeedbackResource {

    private final FeedbackService feedback;
    private final Writes writes;
    private final JsonBinder binder;
    private final CurrentCaller caller;
    private final FeedbackGroups groups;

    public FeedbackResource(FeedbackService feedback, Writes writes, JsonBinder binder, CurrentCaller caller,
                            FeedbackGroups groups) {
        this.groups = groups;
        this.caller = caller;
        this.feedback = feedback;
        this.writes = writes;
        this.binder = binder;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "giveFeedback", summary = "Record sales feedback on a lead",
            description = "Valid transitions only: ACCEPTED after queued or claimed; REJECTED and RECYCLED after queued, claimed or "
                    + "accepted; CONVERTED after claimed or accepted; WON and LOST after converted. Anything else is a 409 naming the "
                    + "current state. A reason code is required for REJECTED, RECYCLED and LOST. While the lead is claimed the current "
                    + "lease token is required, and the feedback ends the lease. Of two racing verdicts exactly one applies. Honours "
                    + "`Idempotency-Key`. Verdicts that arrive together share a transaction (group commit); each is checked on its own, "
                    + "and one that is refused fails alone.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = FeedbackRequest.class),
            examples = @ExampleObject(name = "rejected", value = "{\"outcome\": \"REJECTED\", \"reason\": \"NO_BUDGET\", \"repId\": \"rep-042\", "
                    + "\"leaseToken\": \"bGVhc2UtdG9rZW4tZXhhbXBsZQ\", \"note\": \"Budget frozen until Q3\"}")))
    @APIResponse(responseCode = "200", description = "The lead after the feedback", content = @Content(schema = @Schema(implementation = LeadView.class)))
    @APIResponse(responseCode = "404", description = "No such lead", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "invalid-transition (with currentState) or lease-lost", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Invalid feedback (unknown outcome or reason, missing reason, amount where none is taken)",
            content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Response give(@PathParam("id") String id,
                         JsonNode body) {
        FeedbackRequest request = binder.bind(RequestBodies.require(body), FeedbackRequest.class);
        Caller who = caller.get();
        return writes.grouped(who.id(), request, groups.commit(), () -> feedback.record(id, request, who), Answer::ok);
    }
}
