package io.leadhandoff.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadhandoff.common.JsonBinder;
import io.leadhandoff.common.Page;
import io.leadhandoff.common.Params;
import io.leadhandoff.common.Problem;
import io.leadhandoff.common.ProblemMappers;
import io.leadhandoff.common.RequestBodies;
import io.leadhandoff.http.Writes;
import io.leadhandoff.security.CurrentCaller;
import io.leadhandoff.security.Scope;
import io.leadhandoff.write.Answer;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/sources/{sourceId}/writeback")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sources")
@SecurityRequirement(name = Scope.SCHEME, scopes = "admin")
public class WritebackResource {

    private final WritebackService writebacks;
    private final Writes writes;
    private final JsonBinder binder;
    private final CurrentCaller caller;

    public WritebackResource(WritebackService writebacks, Writes writes, JsonBinder binder, CurrentCaller caller) {
        this.writebacks = writebacks;
        this.writes = writes;
        this.binder = binder;
        this.caller = caller;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "putWriteback", summary = "Write verdicts back to the source's marketing tool",
            description = "For a source of kind hubspot, marketo or mautic: from now on, a lead whose identity came from this source has "
                    + "its assignment, claim, verdict, recycle and new cycle written to the tool's record of the person (its lead status, "
                    + "and the mapped fields), with the retries, dead letters and replay of webhooks. An erased lead is never written back. "
                    + "Credentials are never answered back; left out, the stored ones are kept.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = WritebackViews.WritebackRequest.class)))
    @APIResponse(responseCode = "200", description = "Set up or changed", content = @Content(schema = @Schema(implementation = WritebackViews.WritebackView.class)))
    @APIResponse(responseCode = "404", description = "No such source", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Not a hubspot, marketo or mautic source; missing credentials; refused base URL; unknown step or field",
            content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Response put(@PathParam("sourceId") String sourceId, JsonNode body) {
        WritebackViews.WritebackRequest request = binder.bind(RequestBodies.require(body), WritebackViews.WritebackRequest.class);
        return writes.run(caller.get().id(), request, () -> Answer.ok(writebacks.configure(sourceId, request)));
    }

    @GET
    @Operation(operationId = "getWriteback", summary = "A source's write-back and how it is going",
            description = "Settings (never the credentials' values), last success, backlog, the latest failures with the tool's answer, "
                    + "dead letters (count; the list at `…/writeback/dead-letters`).")
    @APIResponse(responseCode = "200", description = "The write-back", content = @Content(schema = @Schema(implementation = WritebackViews.WritebackView.class)))
    @APIResponse(responseCode = "404", description = "No such source, or it has no write-back", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public WritebackViews.WritebackView get(@PathParam("sourceId") String sourceId) {
        return writebacks.get(sourceId);
    }

    @DELETE
    @Operation(operationId = "deleteWriteback", summary = "Stop writing back", description = "Its dead letters go with it.")
    @Produces(MediaType.WILDCARD)
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such source, or it has no write-back", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("sourceId") String sourceId) {
        return writes.run(caller.get().id(), null, () -> {
            writebacks.delete(sourceId);
            return Answer.noContent();
        });
    }

    @POST
    @Path("/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replayWriteback", summary = "Write events back again",
            description = "As for webhooks: every dead letter not yet replayed (`deadLetters: true`), or the events of `[from, to)`; "
                    + "they go out before newer ones, in feed order, through the same retries. Erased leads are skipped.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = WebhookViews.ReplayRequest.class)))
    @APIResponse(responseCode = "200", description = "Queued", content = @Content(schema = @Schema(implementation = WebhookViews.ReplayAnswer.class)))
    @APIResponse(responseCode = "404", description = "No such source, or it has no write-back", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Neither or both of dead letters and a range; too many events", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Response replay(@PathParam("sourceId") String sourceId, JsonNode body) {
        WebhookViews.ReplayRequest request = binder.bind(RequestBodies.require(body), WebhookViews.ReplayRequest.class);
        return writes.run(caller.get().id(), request, () -> Answer.ok(writebacks.replay(sourceId, request)));
    }

    @GET
    @Path("/dead-letters")
    @Operation(operationId = "listWritebackDeadLetters", summary = "Write-back dead letters",
            description = "Events the tool refused (a contact it does not know: HubSpot and Mautic 404, Marketo 1004; bad credentials; a "
                    + "value it refuses) or that failed every attempt, oldest first, each with every attempt and the tool's answer.")
    @APIResponse(responseCode = "200", description = "A page of dead letters", content = @Content(schema = @Schema(implementation = WebhookResource.DeadLetterPage.class)))
    @APIResponse(responseCode = "404", description = "No such source, or it has no write-back", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Invalid limit or cursor", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Page<WebhookViews.DeadLetterView> deadLetters(@PathParam("sourceId") String sourceId,
            @Parameter(description = "Page size, 1–200 (default 50)", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "50")) @QueryParam("limit") String limit,
            @Parameter(description = "`nextCursor` of the previous page") @QueryParam("cursor") String cursor) {
        return writebacks.deadLetters(sourceId, cursor, Page.limit(Params.integer("limit", limit)));
    }
}
