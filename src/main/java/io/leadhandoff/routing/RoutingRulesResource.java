package io.leadhandoff.routing;

import jakarta.ws.rs.core.Response;
import io.leadhandoff.security.CurrentCaller;
import io.leadhandoff.write.Answer;
import io.leadhandoff.http.Writes;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadhandoff.common.JsonBinder;
import io.leadhandoff.common.Problem;
import io.leadhandoff.common.ProblemMappers;
import io.leadhandoff.common.RequestBodies;
import io.leadhandoff.common.WorkerThreads;
import io.leadhandoff.security.Scope;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/routing/rules")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Routing", description = "Ordered rule sets that send leads to queues, and simulation of a lead under the active or a draft set")
@SecurityRequirement(name = Scope.SCHEME, scopes = "admin")
public class RoutingRulesResource {

    private final RuleSetService ruleSets;
    private final Writes writes;
    private final CurrentCaller caller;
    private final JsonBinder binder;

    public RoutingRulesResource(RuleSetService ruleSets, JsonBinder binder, Writes writes, CurrentCaller caller) {
        this.ruleSets = ruleSets;
        this.writes = writes;
        this.caller = caller;
        this.binder = binder;
    }

    @GET
    @Operation(operationId = "getRoutingRules", summary = "The active routing rules", description = "With their version.")
    @APIResponse(responseCode = "200", description = "The active rules", content = @Content(schema = @Schema(implementation = RoutingViews.RuleSetView.class)))
    public RoutingViews.RuleSetView get() {
        return ruleSets.activeRuleSet();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceRoutingRules", summary = "Replace the routing rules",
            description = "Saves the whole ordered rule set as a new version and makes it active at once, on every replica. "
                    + "Try it first with POST /api/v1/routing/simulate.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = RuleSetDocument.class)))
    @APIResponse(responseCode = "200", description = "The new active version", content = @Content(schema = @Schema(implementation = RoutingViews.RuleSetView.class)))
    @APIResponse(responseCode = "422", description = "Invalid rules (conditions, unknown queues), each with its pointer",
            content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Response replace(JsonNode body) {
        WorkerThreads.require();
        RuleSetDocument document = binder.bind(RequestBodies.require(body), RuleSetDocument.class);
        return writes.run(caller.get().id(), document, () -> Answer.ok(ruleSets.replaceRules(document)));
    }
}
