package io.leadhandoff.lead;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadhandoff.common.JsonBinder;
import io.leadhandoff.common.Problem;
import io.leadhandoff.common.ProblemException;
import io.leadhandoff.common.ProblemMappers;
import io.leadhandoff.common.ProblemType;
import io.leadhandoff.common.RequestBodies;
import io.leadhandoff.common.WorkerThreads;
import io.leadhandoff.routing.RoutingDecision;
import io.leadhandoff.routing.RuleSetDocument;
import io.leadhandoff.scoring.Score;
import io.leadhandoff.security.CurrentCaller;
import io.leadhandoff.security.Scope;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
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

@Path("/api/v1/routing/simulate")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Routing")
@SecurityRequirement(name = Scope.SCHEME, scopes = "leads:read")
public class RoutingSimulationResource {

    /** A lead body and, optionally, a draft rule set to try instead of the active one. */
    @Schema(name = "RoutingSimulationRequest")
    public record SimulationRequest(@NotNull @Valid LeadRequest lead,
                                    @Schema(description = "Draft rules; absent means the active rules") @Valid RuleSetDocument rules) {
    }

    /** The score the lead would get and where it would go. */
    @Schema(name = "RoutingSimulation")
    public record Simulation(Score score, RoutingDecision routing) {
    }

    private final LeadPreviews leads;
    private final JsonBinder binder;
    private final CurrentCaller caller;

    public RoutingSimulationResource(LeadPreviews leads, JsonBinder binder, CurrentCaller caller) {
        this.leads = leads;
        this.binder = binder;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "simulateRouting", summary = "Where would this lead go, and why",
            description = "Scores the lead with the active model and routes it with the active rules or the draft `rules`, "
                    + "storing nothing and assigning nobody. The trace lists every step: minimum score, account match, each "
                    + "rule tried (matched or why not) and each candidate rep's eligibility. The trace spans every queue, so a "
                    + "queue-limited key gets 403.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = SimulationRequest.class)))
    @APIResponse(responseCode = "200", description = "The decision with its trace", content = @Content(schema = @Schema(implementation = Simulation.class)))
    @APIResponse(responseCode = "422", description = "Invalid lead or draft rules", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Simulation simulate(JsonNode body) {
        if (caller.get().limitedToQueues()) {
            // the trace names the rules, queues and reps of every queue
            throw new ProblemException(ProblemType.FORBIDDEN, "This API key is limited to queues, and a simulation runs the rules of "
                    + "every queue; use a key without queues");
        }
        WorkerThreads.require();
        SimulationRequest request = binder.bind(RequestBodies.require(body), SimulationRequest.class);
        return leads.simulate(Normalizer.normalize(request.lead()), request.rules());
    }
}
