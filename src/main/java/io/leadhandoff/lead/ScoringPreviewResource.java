package io.leadhandoff.lead;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadhandoff.common.JsonBinder;
import io.leadhandoff.common.Params;
import io.leadhandoff.common.Problem;
import io.leadhandoff.common.ProblemMappers;
import io.leadhandoff.common.RequestBodies;
import io.leadhandoff.common.WorkerThreads;
import io.leadhandoff.security.Scope;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/scoring/preview")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Scoring")
@SecurityRequirement(name = Scope.SCHEME, scopes = "leads:read")
public class ScoringPreviewResource {

    private final LeadPreviews leads;
    private final JsonBinder binder;

    public ScoringPreviewResource(LeadPreviews leads, JsonBinder binder) {
        this.leads = leads;
        this.binder = binder;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "previewScore", summary = "Score a lead without storing it",
            description = "Normalises the lead body as intake would and scores it with the active model, or with `version`. "
                    + "Nothing is stored. The answer explains every point.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeadRequest.class)))
    @APIResponse(responseCode = "200", description = "The score with its explanation and the facts it was computed on",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ScorePreview.class)))
    @APIResponse(responseCode = "404", description = "No such model version", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Invalid lead", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public ScorePreview preview(
            @Parameter(description = "Model version to score with; default the active one") @QueryParam("version") String version,
            JsonNode body) {
        WorkerThreads.require();
        Integer v = Params.integer("version", version);
        return leads.preview(Normalizer.normalize(binder.bind(RequestBodies.require(body), LeadRequest.class)), v);
    }
}
