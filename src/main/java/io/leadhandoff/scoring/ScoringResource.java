package io.leadhandoff.scoring;

import java.time.Duration;
import java.time.Clock;
import io.leadhandoff.security.CurrentCaller;
import io.leadhandoff.write.Answer;
import io.leadhandoff.http.Writes;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadhandoff.common.JsonBinder;
import io.leadhandoff.common.Page;
import io.leadhandoff.common.Params;
import io.leadhandoff.common.Problem;
import io.leadhandoff.common.ProblemException;
import io.leadhandoff.common.ProblemMappers;
import io.leadhandoff.common.RequestBodies;
import io.leadhandoff.common.StorableTime;
import io.leadhandoff.common.WorkerThreads;
import io.leadhandoff.security.Scope;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/scoring/models")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Scoring", description = "Versioned, explainable scoring models")
@SecurityRequirement(name = Scope.SCHEME, scopes = "admin")
public class ScoringResource {

    private final ScoringService service;
    private final TrainingService training;
    private final JsonBinder binder;
    private final Clock clock;

    private final Writes writes;
    private final CurrentCaller caller;

    public ScoringResource(ScoringService service, TrainingService training, JsonBinder binder, Writes writes, CurrentCaller caller,
                           Clock clock) {
        this.writes = writes;
        this.caller = caller;
        this.clock = clock;
        this.service = service;
        this.training = training;
        this.binder = binder;
    }

    @GET
    @Operation(operationId = "listScoringModels", summary = "List model versions", description = "Newest first; the active one has `active: true`.")
    @APIResponse(responseCode = "200", description = "A page of model versions",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ModelPage.class)))
    @APIResponse(responseCode = "422", description = "Invalid limit or cursor", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Page<ModelView> list(
            @Parameter(description = "Page size, 1–200 (default 50)", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "50")) @QueryParam("limit") String limit,
            @Parameter(description = "`nextCursor` from the previous page") @QueryParam("cursor") String cursor) {
        return service.list(cursor, Page.limit(Params.integer("limit", limit)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createScoringModel", summary = "Create a new model version",
            description = "Saves the model as the next version, inactive. An invalid model (unknown field, bad operator, bad "
                    + "regular expression, type mismatch, duplicate rule id) is refused with a 422 whose pointers name the rule.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ModelDocument.class),
            examples = @ExampleObject(name = "small model", value = """
                    {"name": "Enterprise focus",
                     "fit": {"rules": [
                        {"id": "senior", "group": "seniority", "points": 40, "when": {"field": "title", "op": "matches", "value": "\\\\b(vp|director|chief)\\\\b"}},
                        {"id": "large", "points": 40, "when": {"field": "employeeCount", "op": "gte", "value": 1000}},
                        {"id": "free-mail", "points": -30, "when": {"field": "freeEmail", "op": "equals", "value": true}}],
                        "groupCaps": {"seniority": 40}},
                     "engagement": {"rules": [
                        {"id": "webinar", "points": 50, "when": {"field": "activity.webinarsAttended", "op": "gte", "value": 1}}],
                        "halfLifeDays": 14},
                     "weights": {"fit": 0.7, "engagement": 0.3}}""")))
    @APIResponse(responseCode = "201", description = "Created, inactive",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ModelView.class)))
    @APIResponse(responseCode = "400", description = "Body is not well-formed JSON", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Invalid model; every problem with its JSON pointer",
            content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Response create(JsonNode body) {
        WorkerThreads.require();
        ModelDocument document = binder.bind(RequestBodies.require(body), ModelDocument.class);
        return writes.run(caller.get().id(), document, () -> {
            ModelView created = service.create(document, "api", null);
            return Answer.created(created, "/api/v1/scoring/models/" + created.version());
        });
    }

    @POST
    @Path("/train")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "trainScoringModel", summary = "Train a candidate model from sales feedback",
            description = "Fits L2-regularised logistic regression to the labelled leads received in [from, to) (default: the last 365 "
                    + "days), trains on the older 80 % and evaluates on the newest 20 % against the active model (AUC, log loss, "
                    + "Brier score, calibration). Saves a new, inactive version: the active rules plus the learned acceptance "
                    + "probability. Refused with a 422 saying how much more feedback is needed below 200 labelled leads or 40 of either label.")
    @RequestBody(content = @Content(schema = @Schema(implementation = TrainingRequest.class)))
    @APIResponse(responseCode = "201", description = "The candidate with its evaluation",
            content = @Content(schema = @Schema(implementation = TrainingResult.class)))
    @APIResponse(responseCode = "422", description = "Not enough labelled feedback yet, or an invalid period",
            content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Response train(JsonNode body) {
        TrainingRequest request = body == null || body.isMissingNode() ? new TrainingRequest(null, null, null)
                : binder.bind(body, TrainingRequest.class);
        Instant to = request.to() == null ? clock.instant() : request.to();
        Instant from = request.from() == null ? to.minus(Duration.ofDays(365)) : request.from();
        if (!from.isBefore(to)) {
            throw ProblemException.validation(List.of(Problem.FieldError.atPointer("/from", "must be before to")));
        }
        return writes.run(caller.get().id(), request, () -> {
            TrainingResult result = training.train(from, to, request.name());
            return Answer.created(result, "/api/v1/scoring/models/" + result.candidate().version());
        });
    }

    /** The period to learn from, and an optional name for the candidate. */
    @Schema(name = "TrainingRequest")
    public record TrainingRequest(@Schema(description = "Default: 365 days before to") @StorableTime Instant from,
                                  @Schema(description = "Default: now") @StorableTime Instant to,
                                  @Schema(examples = "B2B + learned 2026-11") @jakarta.validation.constraints.Size(max = 100) String name) {
    }

    @GET
    @Path("/{version}")
    @Operation(operationId = "getScoringModel", summary = "Get one model version", description = "The model document and whether it is active.")
    @APIResponse(responseCode = "200", description = "The model version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ModelView.class)))
    @APIResponse(responseCode = "404", description = "No such version", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public ModelView get(@Parameter(description = "Model version") @PathParam("version") String version) {
        return service.get(version(version));
    }

    @POST
    @Path("/{version}/activate")
    @Operation(operationId = "activateScoringModel", summary = "Activate a model version",
            description = "Atomically makes this version the one that scores new leads, on every replica, from the next lead on. "
                    + "Stored leads keep their scores until their next touch.")
    @APIResponse(responseCode = "200", description = "Now active",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ModelView.class)))
    @APIResponse(responseCode = "404", description = "No such version", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Response activate(@Parameter(description = "Model version") @PathParam("version") String version) {
        int number = version(version);
        return writes.run(caller.get().id(), null, () -> Answer.ok(service.activate(number)));
    }

    static int version(String version) {
        try {
            return Integer.parseInt(version);
        } catch (NumberFormatException e) {
            throw ProblemException.notFound("Scoring model version", version);
        }
    }

    /** OpenAPI shape of a page of model versions. */
    @Schema(name = "ScoringModelPage")
    static final class ModelPage {
        public List<ModelView> items;
        @Schema(description = "Pass as `cursor` for the next page; absent on the last page")
        public String nextCursor;
    }
}
