package io.leadhandoff.source;

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
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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

@Path("/api/v1/sources")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sources", description = "Inbound integrations: each marketing tool's own payload and signature")
@SecurityRequirement(name = Scope.SCHEME, scopes = "admin")
public class SourceResource {

    private final SourceService sources;
    private final JsonBinder binder;
    private final Writes writes;

    private final CurrentCaller caller;


    public SourceResource(SourceService sources, JsonBinder binder, Writes writes, CurrentCaller caller) {
        this.caller = caller;
        this.writes = writes;
        this.sources = sources;
        this.binder = binder;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createSource", summary = "Configure a source",
            description = "The tool then posts to `webhookPath`. Secrets are stored for signature checks and never returned (only hints).")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = SourceViews.SourceRequest.class)))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = SourceViews.SourceView.class)))
    @APIResponse(responseCode = "409", description = "A source with this id exists", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Invalid source", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Response create(JsonNode body) {
        SourceViews.SourceRequest request = binder.bind(RequestBodies.require(body), SourceViews.SourceRequest.class);
        return writes.run(caller.get().id(), request, () -> {
            SourceViews.SourceView created = sources.create(request);
            return Answer.created(created, "/api/v1/sources/" + created.id());
        });
    }

    @GET
    @Operation(operationId = "listSources", summary = "List sources", description = "In id order, paginated.")
    @APIResponse(responseCode = "200", description = "A page of sources", content = @Content(schema = @Schema(implementation = SourcePage.class)))
    @APIResponse(responseCode = "422", description = "Invalid limit or cursor", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Page<SourceViews.SourceView> list(@Parameter(description = "Page size, 1–200 (default 50)", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "50")) @QueryParam("limit") String limit,
                                            @Parameter(description = "`nextCursor` of the previous page") @QueryParam("cursor") String cursor) {
        return sources.list(cursor, Page.limit(Params.integer("limit", limit)));
    }

    @GET
    @Path("/{sourceId}")
    @Operation(operationId = "getSource", summary = "Get a source", description = "Its settings, with secret hints only.")
    @APIResponse(responseCode = "200", description = "The source", content = @Content(schema = @Schema(implementation = SourceViews.SourceView.class)))
    @APIResponse(responseCode = "404", description = "No such source", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public SourceViews.SourceView get(@PathParam("sourceId") String sourceId) {
        return sources.get(sourceId);
    }

    @PUT
    @Path("/{sourceId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateSource", summary = "Replace a source's settings",
            description = "To rotate a secret without downtime: PUT both the old and the new secret, switch the tool to the new one, "
                    + "then PUT the new one alone.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = SourceViews.SourceRequest.class)))
    @APIResponse(responseCode = "200", description = "Updated", content = @Content(schema = @Schema(implementation = SourceViews.SourceView.class)))
    @APIResponse(responseCode = "404", description = "No such source", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Invalid source", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Response update(@PathParam("sourceId") String sourceId, JsonNode body) {
        SourceViews.SourceRequest request = binder.bind(RequestBodies.require(body), SourceViews.SourceRequest.class);
        return writes.run(caller.get().id(), request, () -> Answer.ok(sources.update(sourceId, request)));
    }

    @DELETE
    @Path("/{sourceId}")
    @Operation(operationId = "deleteSource", summary = "Delete a source", description = "Its webhook URL stops working at once; leads it delivered stay.")
    @Produces(MediaType.WILDCARD) // no body: no Accept can make this fail (the class's JSON would answer 406)
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such source", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("sourceId") String sourceId) {
        return writes.run(caller.get().id(), null, () -> {
            sources.delete(sourceId);
            return Answer.noContent();
        });
    }

    @Schema(name = "SourcePage")
    static final class SourcePage {
        public List<SourceViews.SourceView> items;
        @Schema(description = "Pass as `cursor` for the next page; absent on the last page")
        public String nextCursor;
    }
}
