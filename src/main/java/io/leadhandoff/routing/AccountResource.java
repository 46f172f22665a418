package io.leadhandoff.routing;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadhandoff.common.JsonBinder;
import io.leadhandoff.common.Problem;
import io.leadhandoff.common.ProblemMappers;
import io.leadhandoff.common.RequestBodies;
import io.leadhandoff.security.Scope;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/accounts/{domain}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Routing", description = "Account ownership, routing rules and simulation")
@SecurityRequirement(name = Scope.SCHEME, scopes = "admin")
public class AccountResource {

    private final AccountService accounts;
    private final JsonBinder binder;

    public AccountResource(AccountService accounts, JsonBinder binder) {
        this.accounts = accounts;
        this.binder = binder;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "putAccount", summary = "Set an account's owner",
            description = "Leads whose email or website domain is this domain go to the owner first, when the owner can take them.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = RoutingViews.AccountRequest.class)))
    @APIResponse(responseCode = "200", description = "The account", content = @Content(schema = @Schema(implementation = RoutingViews.AccountView.class)))
    @APIResponse(responseCode = "404", description = "No such queue", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Invalid domain or account", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public RoutingViews.AccountView put(@PathParam("domain") String domain, JsonNode body) {
        return accounts.putAccount(domain, binder.bind(RequestBodies.require(body), RoutingViews.AccountRequest.class));
    }

    @GET
    @Operation(operationId = "getAccount", summary = "Get an account", description = "Owner and queue of a company domain.")
    @APIResponse(responseCode = "200", description = "The account", content = @Content(schema = @Schema(implementation = RoutingViews.AccountView.class)))
    @APIResponse(responseCode = "404", description = "No such account", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The path does not hold a domain name", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public RoutingViews.AccountView get(@PathParam("domain") String domain) {
        return accounts.getAccount(domain);
    }

    @DELETE
    @Operation(operationId = "deleteAccount", summary = "Remove an account", description = "Its leads are routed by the rules from now on.")
    @Produces(MediaType.WILDCARD) // no body: no Accept can make this fail (the class's JSON would answer 406)
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such account", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The path does not hold a domain name", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("domain") String domain) {
        accounts.deleteAccount(domain);
        return Response.noContent().build();
    }
}
