package io.leadhandoff.audit;

import io.leadhandoff.common.Page;
import io.leadhandoff.common.Params;
import io.leadhandoff.common.Problem;
import io.leadhandoff.common.ProblemMappers;
import io.leadhandoff.security.Scope;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
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

@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Administration", description = "API keys, sources and the audit log")
@SecurityRequirement(name = Scope.SCHEME, scopes = "admin")
public class AuditResource {

    private final AuditService audit;

    public AuditResource(AuditService audit) {
        this.audit = audit;
    }

    @GET
    @Operation(operationId = "listAudit", summary = "Audit log of configuration changes",
            description = "Newest first: API keys, sources, scoring models, routing rules, queues, members, accounts, reason codes, "
                    + "campaign spend and erasures, each with who, when, and the state before and after.")
    @APIResponse(responseCode = "200", description = "A page of audit entries", content = @Content(schema = @Schema(implementation = AuditPage.class)))
    @APIResponse(responseCode = "422", description = "Invalid limit, cursor or target", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Page<AuditView> list(
            @Parameter(description = "Only changes of this target, e.g. `queue:inbound` or `api-key:01JDX...`") @QueryParam("target") String target,
            @Parameter(description = "Page size, 1–200 (default 50)", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "50")) @QueryParam("limit") String limit,
            @Parameter(description = "`nextCursor` from the previous page") @QueryParam("cursor") String cursor) {
        return audit.list(Params.text("target", target, 300), cursor, Page.limit(Params.integer("limit", limit)));
    }

    @Schema(name = "AuditPage")
    static final class AuditPage {
        public List<AuditView> items;
        @Schema(description = "Pass as `cursor` for the next page; absent on the last page")
        public String nextCursor;
    }
}
