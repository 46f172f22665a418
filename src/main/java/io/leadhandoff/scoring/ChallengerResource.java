package io.leadhandoff.scoring;

import io.leadhandoff.write.Answer;
import io.leadhandoff.http.Writes;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadhandoff.common.JsonBinder;
import io.leadhandoff.common.Params;
import io.leadhandoff.common.Problem;
import io.leadhandoff.common.ProblemException;
import io.leadhandoff.common.ProblemMappers;
import io.leadhandoff.common.ProblemType;
import io.leadhandoff.common.RequestBodies;
import io.leadhandoff.common.WorkerThreads;
import io.leadhandoff.security.CurrentCaller;
import io.leadhandoff.security.Scope;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/scoring/challenger")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Scoring")
public class ChallengerResource {


    /** Which version scores beside the active one. */
    @Schema(name = "ChallengerRequest")
    public record ChallengerRequest(@Schema(examples = "4") @NotNull @Min(1) Integer version) {
    }

    private final ChallengerService challengers;
    private final JsonBinder binder;
    private final CurrentCaller caller;
    private final Clock clock;
    private final Writes writes;


    public ChallengerResource(ChallengerService challengers, JsonBinder binder, CurrentCaller caller, Clock clock, Writes writes) {
        this.writes = writes;
        this.challengers = challengers;
        this.binder = binder;
        this.caller = caller;
        this.clock = clock;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = Scope.SCHEME, scopes = "admin")
    @Operation(operationId = "setChallengerModel", summary = "Set the challenger model",
            description = "From the next lead on, every lead is scored by the active model (the champion, which alone sets "
                    + "priority, grade and routing) and by this version, whose score is kept for the comparison. Activating the "
                    + "challenger promotes it. Replaces any previous challenger.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ChallengerRequest.class)))
    @APIResponse(responseCode = "200", description = "The challenger", content = @Content(schema = @Schema(implementation = ModelView.class)))
    @APIResponse(responseCode = "400", description = "Body is not well-formed JSON", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such version", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The version is the active model", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Invalid body", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Response set(JsonNode body) {
        WorkerThreads.require();
        ChallengerRequest request = binder.bind(RequestBodies.require(body), ChallengerRequest.class);
        return writes.run(caller.get().id(), request, () -> Answer.ok(challengers.set(request.version())));
    }

    @DELETE
    @Produces(MediaType.WILDCARD) // no body: no Accept can make this fail
    @SecurityRequirement(name = Scope.SCHEME, scopes = "admin")
    @Operation(operationId = "clearChallengerModel", summary = "Stop scoring with a challenger",
            description = "Scores already kept stay, so the comparison of the past period can still be read with `version`.")
    @APIResponse(responseCode = "204", description = "No challenger any more")
    @APIResponse(responseCode = "404", description = "No challenger was set", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Response clear() {
        return writes.run(caller.get().id(), null, () -> {
            challengers.clear();
            return Answer.noContent();
        });
    }

    @GET
    @SecurityRequirement(name = Scope.SCHEME, scopes = "reports:read")
    @Operation(operationId = "compareChallengerModel", summary = "Champion and challenger on the same leads",
            description = "For leads received in [from, to) that the active model (champion) and the challenger both scored: AUC, "
                    + "Brier score and the acceptance rate of each model's top decile on the labelled ones, with the counts behind "
                    + "them. Reads at most the newest 200,000 such leads. It adds up every queue, so a queue-limited key gets 403.")
    @APIResponse(responseCode = "200", description = "The comparison; without a challenger only the champion's version",
            content = @Content(schema = @Schema(implementation = ModelComparison.class)))
    @APIResponse(responseCode = "403", description = "Missing scope, or the key is limited to queues", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such version", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Invalid period or version", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public ModelComparison compare(
            @Parameter(description = "Start (inclusive); default 90 days before to", schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("from") String from,
            @Parameter(description = "End (exclusive); default now", schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("to") String to,
            @Parameter(description = "A past challenger's version, also after its promotion (then compared with the champion of that time); default the current challenger", schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
            @QueryParam("version") String version) {
        if (caller.get().limitedToQueues()) {
            throw new ProblemException(ProblemType.FORBIDDEN, "The comparison adds up leads of every queue, and this API key is limited "
                    + "to queues");
        }
        Integer v = Params.integer("version", version);
        if (v != null && v < 1) {
            throw ProblemException.invalidParameter("version", "must be at least 1");
        }
        Instant[] period = Params.period(from, to, clock.instant());
        return challengers.compare(period[0], period[1], v);
    }
}
