package io.leadhandoff.report;

import jakarta.ws.rs.core.Response;
import io.leadhandoff.security.CurrentCaller;
import io.leadhandoff.write.Answer;
import io.leadhandoff.http.Writes;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadhandoff.common.JsonBinder;
import io.leadhandoff.common.Problem;
import io.leadhandoff.common.ProblemMappers;
import io.leadhandoff.common.RequestBodies;
import io.leadhandoff.security.Scope;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
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

@Path("/api/v1/campaigns/{campaign}/spend")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reports")
@SecurityRequirement(name = Scope.SCHEME, scopes = "admin")
public class CampaignResource {

    private final ReportService reports;
    private final JsonBinder binder;
    private final Writes writes;

    private final CurrentCaller caller;


    public CampaignResource(ReportService reports, JsonBinder binder, Writes writes, CurrentCaller caller) {
        this.caller = caller;
        this.writes = writes;
        this.reports = reports;
        this.binder = binder;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "putCampaignSpend", summary = "Record what a campaign cost over a period",
            description = "One amount per (campaign, from, to); putting the same period again replaces it. Every period of a "
                    + "campaign has the same currency and source (409 otherwise), so amounts are never added across currencies. The "
                    + "lead-quality report by campaign and by source prorates each period to its window by the share of the "
                    + "period's time the window covers.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ReportViews.SpendRequest.class)))
    @APIResponse(responseCode = "200", description = "Recorded", content = @Content(schema = @Schema(implementation = ReportViews.SpendView.class)))
    @APIResponse(responseCode = "409", description = "Another currency or source than the campaign's other periods",
            content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Invalid spend", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Response put(@PathParam("campaign") String campaign, JsonNode body) {
        ReportViews.SpendRequest request = binder.bind(RequestBodies.require(body), ReportViews.SpendRequest.class);
        return writes.run(caller.get().id(), request, () -> Answer.ok(reports.putSpend(campaign, request)));
    }
}
