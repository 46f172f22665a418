package io.leadhandoff.routing;

import io.leadhandoff.write.Answer;
import io.leadhandoff.http.Writes;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadhandoff.common.JsonBinder;
import io.leadhandoff.common.Page;
import io.leadhandoff.common.Params;
import io.leadhandoff.common.Problem;
import io.leadhandoff.common.ProblemMappers;
import io.leadhandoff.common.RequestBodies;
import io.leadhandoff.security.CurrentCaller;
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

@Path("/api/v1/queues")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Queues", description = "Sales queues and their members")
@SecurityRequirement(name = Scope.SCHEME, scopes = "admin")
public class QueueResource {

    private final QueueService queues;
    private final QueueMemberService members;
    private final JsonBinder binder;

    private final CurrentCaller caller;
    private final Writes writes;


    public QueueResource(QueueService queues, QueueMemberService members, JsonBinder binder, CurrentCaller caller, Writes writes) {
        this.writes = writes;
        this.caller = caller;
        this.queues = queues;
        this.members = members;
        this.binder = binder;
    }

    @GET
    @SecurityRequirement(name = Scope.SCHEME, scopes = "work")
    @Operation(operationId = "listQueues", summary = "List queues", description = "In id order, paginated.")
    @APIResponse(responseCode = "200", description = "A page of queues", content = @Content(schema = @Schema(implementation = QueuePage.class)))
    @APIResponse(responseCode = "422", description = "Invalid limit or cursor", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Page<RoutingViews.QueueView> list(@Parameter(description = "Page size, 1–200 (default 50)", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "50")) @QueryParam("limit") String limit,
                                             @Parameter(description = "`nextCursor` of the previous page") @QueryParam("cursor") String cursor) {
        return queues.listQueues(cursor, Page.limit(Params.integer("limit", limit)), caller.get().queues());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createQueue", summary = "Create a queue",
            description = "`id` is chosen by you (lower-case letters, digits, dashes) and used by routing rules and claims.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = RoutingViews.QueueRequest.class)))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = RoutingViews.QueueView.class)))
    @APIResponse(responseCode = "409", description = "A queue with this id exists", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Invalid queue", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Response create(JsonNode body) {
        RoutingViews.QueueRequest request = binder.bind(RequestBodies.require(body), RoutingViews.QueueRequest.class);
        return writes.run(caller.get().id(), request, () -> {
            RoutingViews.QueueView created = queues.createQueue(request);
            return Answer.created(created, "/api/v1/queues/" + created.id());
        });
    }

    @GET
    @SecurityRequirement(name = Scope.SCHEME, scopes = "work")
    @Path("/{queueId}")
    @Operation(operationId = "getQueue", summary = "Get a queue", description = "The queue's settings.")
    @APIResponse(responseCode = "200", description = "The queue", content = @Content(schema = @Schema(implementation = RoutingViews.QueueView.class)))
    @APIResponse(responseCode = "404", description = "No such queue", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public RoutingViews.QueueView get(@PathParam("queueId") String queueId) {
        caller.get().requireVisible(queueId, "Queue", queueId);
        return queues.getQueue(queueId);
    }

    @PUT
    @Path("/{queueId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateQueue", summary = "Replace a queue's settings", description = "All settings at once; absent optional fields take their defaults.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = RoutingViews.QueueRequest.class)))
    @APIResponse(responseCode = "200", description = "Updated", content = @Content(schema = @Schema(implementation = RoutingViews.QueueView.class)))
    @APIResponse(responseCode = "404", description = "No such queue", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Invalid queue", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Response update(@PathParam("queueId") String queueId, JsonNode body) {
        RoutingViews.QueueRequest request = binder.bind(RequestBodies.require(body), RoutingViews.QueueRequest.class);
        return writes.run(caller.get().id(), request, () -> Answer.ok(queues.updateQueue(queueId, request)));
    }

    @DELETE
    @Path("/{queueId}")
    @Operation(operationId = "deleteQueue", summary = "Delete a queue",
            description = "Refused with 409 while routing rules, another queue's overflow or waiting leads use it; deactivate it instead.")
    @Produces(MediaType.WILDCARD) // no body: no Accept can make this fail (the class's JSON would answer 406)
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such queue", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "In use", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("queueId") String queueId) {
        return writes.run(caller.get().id(), null, () -> {
            queues.deleteQueue(queueId);
            return Answer.noContent();
        });
    }

    @GET
    @SecurityRequirement(name = Scope.SCHEME, scopes = "work")
    @Path("/{queueId}/members")
    @Operation(operationId = "listQueueMembers", summary = "List a queue's members", description = "In rep id order, with open leads and today's assignments.")
    @APIResponse(responseCode = "200", description = "A page of members", content = @Content(schema = @Schema(implementation = MemberPage.class)))
    @APIResponse(responseCode = "404", description = "No such queue", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Page<RoutingViews.MemberView> members(@PathParam("queueId") String queueId,
                                                 @Parameter(description = "Page size, 1–200 (default 50)", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "50")) @QueryParam("limit") String limit,
                                                 @Parameter(description = "`nextCursor` of the previous page") @QueryParam("cursor") String cursor) {
        caller.get().requireVisible(queueId, "Queue", queueId);
        return members.listMembers(queueId, cursor, Page.limit(Params.integer("limit", limit)));
    }

    @GET
    @SecurityRequirement(name = Scope.SCHEME, scopes = "work")
    @Path("/{queueId}/members/{repId}")
    @Operation(operationId = "getQueueMember", summary = "Get a member", description = "The rep's settings and load in this queue.")
    @APIResponse(responseCode = "200", description = "The member", content = @Content(schema = @Schema(implementation = RoutingViews.MemberView.class)))
    @APIResponse(responseCode = "404", description = "No such queue or member", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public RoutingViews.MemberView member(@PathParam("queueId") String queueId, @PathParam("repId") String repId) {
        caller.get().requireVisible(queueId, "Queue", queueId);
        return members.getMember(queueId, repId);
    }

    @PUT
    @Path("/{queueId}/members/{repId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "putQueueMember", summary = "Add or update a member",
            description = "The rep id is the sales tool's user id. A rep who joins or comes back starts at the queue's current "
                    + "round-robin position, so nobody is flooded with a backlog.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = RoutingViews.MemberRequest.class)))
    @APIResponse(responseCode = "200", description = "The member", content = @Content(schema = @Schema(implementation = RoutingViews.MemberView.class)))
    @APIResponse(responseCode = "404", description = "No such queue", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Invalid member", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Response putMember(@PathParam("queueId") String queueId, @PathParam("repId") String repId, JsonNode body) {
        RoutingViews.MemberRequest request = binder.bind(RequestBodies.require(body), RoutingViews.MemberRequest.class);
        return writes.run(caller.get().id(), request, () -> Answer.ok(members.putMember(queueId, repId, request)));
    }

    @DELETE
    @Path("/{queueId}/members/{repId}")
    @Operation(operationId = "deleteQueueMember", summary = "Remove a member", description = "Leads already assigned to the rep stay assigned.")
    @Produces(MediaType.WILDCARD) // no body: no Accept can make this fail (the class's JSON would answer 406)
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such queue or member", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Response deleteMember(@PathParam("queueId") String queueId, @PathParam("repId") String repId) {
        return writes.run(caller.get().id(), null, () -> {
            members.deleteMember(queueId, repId);
            return Answer.noContent();
        });
    }

    @Schema(name = "QueuePage")
    static final class QueuePage {
        public List<RoutingViews.QueueView> items;
        @Schema(description = "Pass as `cursor` for the next page; absent on the last page")
        public String nextCursor;
    }

    @Schema(name = "QueueMemberPage")
    static final class MemberPage {
        public List<RoutingViews.MemberView> items;
        @Schema(description = "Pass as `cursor` for the next page; absent on the last page")
        public String nextCursor;
    }
}
