package io.leadhandoff.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadhandoff.common.JsonBinder;
import io.leadhandoff.common.Page;
import io.leadhandoff.common.Params;
import io.leadhandoff.common.Problem;
import io.leadhandoff.common.ProblemMappers;
import io.leadhandoff.common.RequestBodies;
import io.leadhandoff.security.CurrentCaller;
import io.leadhandoff.security.Scope;
import io.leadhandoff.write.Answer;
import io.leadhandoff.http.Writes;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks", description = "Outbound webhooks: signed events pushed to your endpoints, with retries, dead letters and replay")
@SecurityRequirement(name = Scope.SCHEME, scopes = "admin")
public class WebhookResource {

    private static final String BASE = "/api/v1/webhooks";

    private final WebhookService webhooks;
    private final ReplayService replays;
    private final WebhookTester tester;
    private final Writes writes;
    private final JsonBinder binder;
    private final CurrentCaller caller;

    public WebhookResource(WebhookService webhooks, ReplayService replays, WebhookTester tester, Writes writes, JsonBinder binder,
                           CurrentCaller caller) {
        this.webhooks = webhooks;
        this.replays = replays;
        this.tester = tester;
        this.writes = writes;
        this.binder = binder;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createWebhook", summary = "Subscribe an endpoint to events",
            description = "Delivery starts with the events that happen from now on. The answer holds the signing secret, shown this once. "
                    + "Each event is POSTed as `{type, timestamp, data}` (or a Slack message), signed as Standard Webhooks specifies "
                    + "(`webhook-id`, `webhook-timestamp`, `webhook-signature`). The URL is refused (422) when it is not https, or its host "
                    + "resolves to a loopback, private, link-local or metadata address, unless the host is allowed by "
                    + "`lead-handoff.webhooks.allowed-hosts`.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = WebhookViews.WebhookRequest.class)))
    @APIResponse(responseCode = "201", description = "Subscribed; `secret` is shown only now", content = @Content(schema = @Schema(implementation = WebhookViews.CreatedWebhook.class)))
    @APIResponse(responseCode = "422", description = "Invalid subscription, unknown event type or refused URL", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Response create(JsonNode body) {
        WebhookViews.WebhookRequest request = binder.bind(RequestBodies.require(body), WebhookViews.WebhookRequest.class);
        return writes.run(caller.get().id(), request, () -> {
            WebhookViews.CreatedWebhook created = webhooks.create(request);
            return Answer.created(created, BASE + "/" + created.webhook().id());
        });
    }

    @GET
    @Operation(operationId = "listWebhooks", summary = "List webhook subscriptions", description = "In creation order, with each one's delivery health.")
    @APIResponse(responseCode = "200", description = "A page of subscriptions", content = @Content(schema = @Schema(implementation = WebhookPage.class)))
    @APIResponse(responseCode = "422", description = "Invalid limit or cursor", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Page<WebhookViews.WebhookView> list(
            @Parameter(description = "Page size, 1–200 (default 50)", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "50")) @QueryParam("limit") String limit,
            @Parameter(description = "`nextCursor` of the previous page") @QueryParam("cursor") String cursor) {
        return webhooks.list(cursor, Page.limit(Params.integer("limit", limit)));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getWebhook", summary = "Get a webhook subscription", description = "Its settings and delivery health; never the secret.")
    @APIResponse(responseCode = "200", description = "The subscription", content = @Content(schema = @Schema(implementation = WebhookViews.WebhookView.class)))
    @APIResponse(responseCode = "404", description = "No such subscription", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public WebhookViews.WebhookView get(@PathParam("id") String id) {
        return webhooks.get(id);
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateWebhook", summary = "Change a webhook subscription",
            description = "Changes the fields sent. `status: enabled` re-enables a disabled subscription: it resumes where it stopped, "
                    + "the event it was retrying first, so nothing is skipped.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = WebhookViews.WebhookPatch.class)))
    @APIResponse(responseCode = "200", description = "Changed", content = @Content(schema = @Schema(implementation = WebhookViews.WebhookView.class)))
    @APIResponse(responseCode = "404", description = "No such subscription", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Invalid change or refused URL", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Response update(@PathParam("id") String id,
                           JsonNode body) {
        WebhookViews.WebhookPatch patch = binder.bind(RequestBodies.require(body), WebhookViews.WebhookPatch.class);
        return writes.run(caller.get().id(), patch,
                () -> Answer.ok(webhooks.update(id, patch)));
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteWebhook", summary = "Delete a webhook subscription", description = "Delivery stops at once; its dead letters go with it.")
    @Produces(MediaType.WILDCARD) // no body: no Accept can make this fail (the class's JSON would answer 406)
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such subscription", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("id") String id) {
        return writes.run(caller.get().id(), null, () -> {
            webhooks.delete(id);
            return Answer.noContent();
        });
    }

    @POST
    @Path("/{id}/rotate-secret")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "rotateWebhookSecret", summary = "Rotate the signing secret",
            description = "Answers the new secret, shown this once. During the overlap every delivery carries two signatures in "
                    + "`webhook-signature`, space-separated: the new secret's first, then the previous one's; verify against either.")
    @RequestBody(content = @Content(schema = @Schema(implementation = WebhookViews.RotationRequest.class)))
    @APIResponse(responseCode = "200", description = "Rotated", content = @Content(schema = @Schema(implementation = WebhookViews.RotatedSecret.class)))
    @APIResponse(responseCode = "404", description = "No such subscription", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Invalid overlap", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Response rotate(@PathParam("id") String id,
                           JsonNode body) {
        WebhookViews.RotationRequest request = body == null || body.isNull() ? new WebhookViews.RotationRequest(null)
                : binder.bind(body, WebhookViews.RotationRequest.class);
        return writes.run(caller.get().id(), request,
                () -> Answer.ok(webhooks.rotate(id, request.overlapSeconds())));
    }

    @POST
    @Path("/{id}/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replayWebhook", summary = "Send events again",
            description = "Queues every dead letter not yet replayed (`deadLetters: true`), or the subscription's events that happened "
                    + "in `[from, to)`. They go out before newer events, in feed order, with their original `webhook-id` (a receiver "
                    + "that de-duplicates by it ignores the ones it already has), through the same retries.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = WebhookViews.ReplayRequest.class)))
    @APIResponse(responseCode = "200", description = "Queued", content = @Content(schema = @Schema(implementation = WebhookViews.ReplayAnswer.class)))
    @APIResponse(responseCode = "404", description = "No such subscription", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Neither or both of dead letters and a range; a range over `lead-handoff.webhooks.max-replay` events", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Response replay(@PathParam("id") String id,
                           JsonNode body) {
        WebhookViews.ReplayRequest request = binder.bind(RequestBodies.require(body), WebhookViews.ReplayRequest.class);
        return writes.run(caller.get().id(), request,
                () -> Answer.ok(replays.replay(id, request)));
    }

    @GET
    @Path("/{id}/dead-letters")
    @Operation(operationId = "listWebhookDeadLetters", summary = "Dead letters",
            description = "Events that failed every attempt (or got an answer a retry would not change: 4xx other than 408, 409, 429), "
                    + "oldest first, each with every attempt: time, status, latency and the start of the answer.")
    @APIResponse(responseCode = "200", description = "A page of dead letters", content = @Content(schema = @Schema(implementation = DeadLetterPage.class)))
    @APIResponse(responseCode = "404", description = "No such subscription", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Invalid limit or cursor", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Page<WebhookViews.DeadLetterView> deadLetters(@PathParam("id") String id,
            @Parameter(description = "Page size, 1–200 (default 50)", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "50")) @QueryParam("limit") String limit,
            @Parameter(description = "`nextCursor` of the previous page") @QueryParam("cursor") String cursor) {
        return replays.deadLetters(id, cursor, Page.limit(Params.integer("limit", limit)));
    }

    @POST
    @Path("/{id}/test")
    @Operation(operationId = "testWebhook", summary = "Send a test event",
            description = "Sends a signed `webhook.test` event now (not retried, not recorded) and answers what the destination said.")
    @APIResponse(responseCode = "200", description = "What the destination answered", content = @Content(schema = @Schema(implementation = WebhookViews.TestResult.class)))
    @APIResponse(responseCode = "404", description = "No such subscription", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public WebhookViews.TestResult test(@PathParam("id") String id) {
        return tester.test(id);
    }

    @Schema(name = "WebhookPage")
    static final class WebhookPage {
        public List<WebhookViews.WebhookView> items;
        @Schema(nullable = true)
        public String nextCursor;
    }

    @Schema(name = "WebhookDeadLetterPage")
    static final class DeadLetterPage {
        public List<WebhookViews.DeadLetterView> items;
        @Schema(nullable = true)
        public String nextCursor;
    }
}
