package io.leadhandoff.lead;

import jakarta.ws.rs.core.Response;
import io.leadhandoff.write.Answer;
import io.leadhandoff.http.Writes;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadhandoff.common.JsonBinder;
import io.leadhandoff.common.Problem;
import io.leadhandoff.common.ProblemMappers;
import io.leadhandoff.common.RequestBodies;
import io.leadhandoff.security.CurrentCaller;
import io.leadhandoff.security.Scope;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/privacy/erasures")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Privacy", description = "Erasure of personal data")
@SecurityRequirement(name = Scope.SCHEME, scopes = "admin")
public class PrivacyResource {

    @Schema(name = "ErasureRequest")
    public record ErasureRequest(@Schema(examples = "ada.lovelace@analytical-engines.example") @NotBlank @EmailAddress @Size(max = 254) String email) {
    }

    @Schema(name = "ErasureResult")
    public record ErasureResult(@Schema(description = "Ids of the leads this request erased (a repeat finds none: their email is gone)") List<String> erasedLeadIds) {
    }

    private final ErasureService erasure;
    private final JsonBinder binder;
    private final CurrentCaller caller;
    private final Writes writes;


    public PrivacyResource(ErasureService erasure, JsonBinder binder, CurrentCaller caller, Writes writes) {
        this.writes = writes;
        this.erasure = erasure;
        this.binder = binder;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "eraseByEmail", summary = "Erase everything personal about an email address",
            description = "Erases every lead with this email, in any status (see `DELETE /leads/{id}` for what is removed and what is "
                    + "kept), and the stored idempotent answers that mention it. Each erased lead emits `lead.erased` on the change "
                    + "feed so syncing tools delete too. Safe to repeat.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ErasureRequest.class)))
    @APIResponse(responseCode = "200", description = "Done", content = @Content(schema = @Schema(implementation = ErasureResult.class)))
    @APIResponse(responseCode = "422", description = "Not an email address", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Response erase(JsonNode body) {
        ErasureRequest request = binder.bind(RequestBodies.require(body), ErasureRequest.class);
        String label = caller.get().label();
        return writes.run(caller.get().id(), request, () -> Answer.ok(new ErasureResult(erasure.eraseByEmail(request.email(), label))));
    }
}
