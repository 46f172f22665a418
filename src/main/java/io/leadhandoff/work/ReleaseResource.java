package io.leadhandoff.work;

import io.leadhandoff.write.Answer;
import io.leadhandoff.http.Writes;
import jakarta.ws.rs.core.Response;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadhandoff.common.JsonBinder;
import io.leadhandoff.common.Problem;
import io.leadhandoff.common.ProblemMappers;
import io.leadhandoff.common.RequestBodies;
import io.leadhandoff.security.Caller;
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
@Path("/api/v1/leads/{id}/release")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Work", description = "Claims, leases and what each rep holds")
@SecurityRequirement(name = Scope.SCHEME, scopes = "work")
public class ReleaseResource {

    private final WorkService work;
    private final Writes writes;
    private final JsonBinder binder;

    private final CurrentCaller caller;

    public ReleaseResource(WorkService work, Writes writes, JsonBinder binder, CurrentCaller caller) {
        this.caller = caller;
        this.work = work;
        this.writes = writes;
        this.binder = binder;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "releaseLead", summary = "Give a claimed lead back to its queue",
            description = "Needs the current lease token; a stale or wrong one is a 409 lease-lost.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = WorkViews.ReleaseRequest.class)))
    @Produces(MediaType.WILDCARD) // no body: no Accept can make this fail (the class's JSON would answer 406)
    @APIResponse(responseCode = "204", description = "Released: queued again")
    @APIResponse(responseCode = "404", description = "No such lead", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "lease-lost: the token is not the current lease", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Response release(@PathParam("id") String id,
            JsonNode body) {
        WorkViews.ReleaseRequest request = binder.bind(RequestBodies.require(body), WorkViews.ReleaseRequest.class);
        Caller who = caller.get();
        return writes.run(who.id(), request, () -> {
            work.release(id, request.leaseToken(), who);
            return Answer.noContent();
        });
    }

}
