package io.leadhandoff.work;

import io.leadhandoff.common.Page;
import io.leadhandoff.common.Params;
import io.leadhandoff.common.Problem;
import io.leadhandoff.common.ProblemMappers;
import io.leadhandoff.lead.LeadView;
import io.leadhandoff.security.CurrentCaller;
import io.leadhandoff.security.Scope;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Part of the work API; one class per path so that no class-level path shadows another resource's. */
@Path("/api/v1/reps/{repId}/leads")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Work", description = "Claims, leases and what each rep holds")
@SecurityRequirement(name = Scope.SCHEME, scopes = "work")
public class RepLeadsResource {

    private final RepLeads repLeads;

    private final CurrentCaller caller;

    public RepLeadsResource(RepLeads repLeads, CurrentCaller caller) {
        this.caller = caller;
        this.repLeads = repLeads;
    }

    @GET
    @Operation(operationId = "listRepLeads", summary = "What a rep holds or has been assigned",
            description = "Leads the rep has claimed under a valid lease, and leads routing assigned to the rep that wait for a claim.")
    @APIResponse(responseCode = "200", description = "A page of leads", content = @Content(schema = @Schema(implementation = RepLeadPage.class)))
    @APIResponse(responseCode = "422", description = "Invalid limit or cursor", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Page<LeadView> repLeads(@PathParam("repId") String repId,
                                   @Parameter(description = "Page size, 1–200 (default 50)", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "50")) @QueryParam("limit") String limit,
                                   @Parameter(description = "`nextCursor` of the previous page") @QueryParam("cursor") String cursor) {
        return repLeads.list(repId, caller.get(), cursor, Page.limit(Params.integer("limit", limit)));
    }

    @Schema(name = "RepLeadPage")
    static final class RepLeadPage {
        public List<LeadView> items;
        @Schema(description = "Pass as `cursor` for the next page; absent on the last page")
        public String nextCursor;
    }
}
