package io.leadhandoff.feedback;

import io.leadhandoff.security.CurrentCaller;
import io.leadhandoff.write.Answer;
import io.leadhandoff.http.Writes;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadhandoff.common.JsonBinder;
import io.leadhandoff.common.Page;
import io.leadhandoff.common.Params;
import io.leadhandoff.common.Problem;
import io.leadhandoff.common.ProblemMappers;
import io.leadhandoff.common.RequestBodies;
import io.leadhandoff.security.Scope;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/feedback/reasons")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Feedback")
@SecurityRequirement(name = Scope.SCHEME, scopes = "admin")
public class ReasonResource {

    private final FeedbackService feedback;
    private final JsonBinder binder;
    private final Writes writes;

    private final CurrentCaller caller;


    public ReasonResource(FeedbackService feedback, JsonBinder binder, Writes writes, CurrentCaller caller) {
        this.caller = caller;
        this.writes = writes;
        this.feedback = feedback;
        this.binder = binder;
    }

    @GET
    @SecurityRequirement(name = Scope.SCHEME, scopes = "feedback:write")
    @Operation(operationId = "listReasonCodes", summary = "Reason codes", description = "Built-in and team-defined codes, with their training policy.")
    @APIResponse(responseCode = "200", description = "A page of reason codes", content = @Content(schema = @Schema(implementation = ReasonPage.class)))
    public Page<ReasonViews.ReasonView> list(@Parameter(description = "Page size, 1–200 (default 50)", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "50")) @QueryParam("limit") String limit,
                                             @Parameter(description = "`nextCursor` of the previous page") @QueryParam("cursor") String cursor) {
        return feedback.reasons(cursor, Page.limit(Params.integer("limit", limit)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "addReasonCode", summary = "Add a team reason code",
            description = "`training` says whether the reason is about the lead (negative) or not (excluded from training).")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ReasonViews.ReasonRequest.class)))
    @APIResponse(responseCode = "201", description = "Added", content = @Content(schema = @Schema(implementation = ReasonViews.ReasonView.class)))
    @APIResponse(responseCode = "409", description = "The code exists", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Invalid code", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Response add(JsonNode body) {
        ReasonViews.ReasonRequest request = binder.bind(RequestBodies.require(body), ReasonViews.ReasonRequest.class);
        return writes.run(caller.get().id(), request,
                () -> Answer.created(feedback.addReason(request), "/api/v1/feedback/reasons"));
    }

    @Schema(name = "ReasonCodePage")
    static final class ReasonPage {
        public List<ReasonViews.ReasonView> items;
        @Schema(description = "Pass as `cursor` for the next page; absent on the last page")
        public String nextCursor;
    }
}
