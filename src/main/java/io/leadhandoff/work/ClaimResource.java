package io.leadhandoff.work;

import io.leadhandoff.write.Answer;
import io.leadhandoff.http.Writes;
import jakarta.ws.rs.core.Response;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadhandoff.common.JsonBinder;
import io.leadhandoff.common.Problem;
import io.leadhandoff.common.ProblemMappers;
import io.leadhandoff.common.RequestBodies;
import io.leadhandoff.security.CurrentCaller;
import io.leadhandoff.security.Scope;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Part of the work API; one class per path so that no class-level path shadows another resource's. */
@Path("/api/v1/queues/{queueId}/claims")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Work", description = "Claims, leases and what each rep holds")
@SecurityRequirement(name = Scope.SCHEME, scopes = "work")
public class ClaimResource {

    private final WorkService work;
    private final Writes writes;
    private final JsonBinder binder;

    private final CurrentCaller caller;

    public ClaimResource(WorkService work, Writes writes, JsonBinder binder, CurrentCaller caller) {
        this.caller = caller;
        this.work = work;
        this.writes = writes;
        this.binder = binder;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "claimLeads", summary = "Claim ready leads from a queue",
            description = "Hands out up to `count` ready leads, best first (the rep's own assignments, then highest score, then "
                    + "oldest), each under a lease with its own token. Leads whose lease expired are ready again. Never more "
                    + "than the rep's open-lead capacity. An empty list when nothing is ready.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = WorkViews.ClaimRequest.class)))
    @APIResponse(responseCode = "200", description = "The claimed leads", content = @Content(schema = @Schema(implementation = WorkViews.ClaimResult.class)))
    @APIResponse(responseCode = "403", description = "The rep is not a member of the queue", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such queue", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Invalid claim", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Response claim(@PathParam("queueId") String queueId,
            JsonNode body) {
        caller.get().requireVisible(queueId, "Queue", queueId);
        WorkViews.ClaimRequest request = binder.bind(RequestBodies.require(body), WorkViews.ClaimRequest.class);
        return writes.run(caller.get().id(), request, () -> Answer.ok(work.claim(queueId, request)));
    }

}
