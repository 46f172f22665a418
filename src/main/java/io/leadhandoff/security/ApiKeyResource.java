package io.leadhandoff.security;

import io.leadhandoff.write.Answer;
import io.leadhandoff.http.Writes;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadhandoff.common.JsonBinder;
import io.leadhandoff.common.Page;
import io.leadhandoff.common.Params;
import io.leadhandoff.common.Problem;
import io.leadhandoff.common.ProblemMappers;
import io.leadhandoff.common.RequestBodies;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Administration", description = "API keys, sources and the audit log")
@SecurityScheme(securitySchemeName = Scope.SCHEME, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An API key as `Authorization: Bearer lh_...`. Each operation lists the scopes that allow it; `admin` allows everything. "
                + "Missing or invalid key: 401 with `WWW-Authenticate`; missing scope: 403; over the key's rate limit: 429 with `Retry-After`.")
@SecurityScheme(securitySchemeName = ApiKeyFilter.SOURCE_SIGNATURE, type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
        apiKeyName = "X-HubSpot-Signature-v3",
        description = "Source endpoints take no API key: each verifies its tool's own signature or shared secret. This is HubSpot's "
                + "v3 signature (with `X-HubSpot-Request-Timestamp`); the other tools' headers are the alternatives listed on the "
                + "operation, and a Pardot form may carry its shared secret as a form field instead.")
@SecurityRequirement(name = Scope.SCHEME, scopes = "admin")
public class ApiKeyResource {

    private final ApiKeyService keys;
    private final JsonBinder binder;
    private final CurrentCaller caller;
    private final Writes writes;


    public ApiKeyResource(ApiKeyService keys, JsonBinder binder, CurrentCaller caller, Writes writes) {
        this.writes = writes;
        this.keys = keys;
        this.binder = binder;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createApiKey", summary = "Create an API key",
            description = "The answer holds the key itself, shown this once; only its SHA-256 is stored. The key is recognised later by its `prefix`. "
                    + "A key never gets more power than the key creating it: its scopes must be among the creator's, its queues among the "
                    + "creator's (an unlimited creator may limit), its rate and burst at most the creator's. `queues` goes only with "
                    + "work, feedback:write, leads:read, reports:read and events:read; with leads:write or admin it is a 422. "
                    + "`ratePerSecond` without `burst` gives a burst of twice the rate (at least 1).")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ApiKeyViews.KeyRequest.class)))
    @APIResponse(responseCode = "201", description = "Created; `key` is shown only now", content = @Content(schema = @Schema(implementation = ApiKeyViews.CreatedKey.class)))
    @APIResponse(responseCode = "422", description = "Invalid request, or more power than the creating key has (scopes, queues, rate, burst), "
            + "or queues with leads:write or admin", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Response create(JsonNode body) {
        ApiKeyViews.KeyRequest request = binder.bind(RequestBodies.require(body), ApiKeyViews.KeyRequest.class);
        Caller creator = caller.get();
        return writes.run(creator.id(), request, () -> {
            ApiKeyViews.CreatedKey created = keys.create(request, creator);
            return Answer.created(created, "/api/v1/api-keys/" + created.apiKey().id());
        });
    }

    @GET
    @Operation(operationId = "listApiKeys", summary = "List API keys", description = "In creation order, revoked keys included; never the keys themselves.")
    @APIResponse(responseCode = "200", description = "A page of keys", content = @Content(schema = @Schema(implementation = KeyPage.class)))
    @APIResponse(responseCode = "422", description = "Invalid limit or cursor", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Page<ApiKeyViews.KeyView> list(@Parameter(description = "Page size, 1–200 (default 50)", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "50")) @QueryParam("limit") String limit,
                                         @Parameter(description = "`nextCursor` of the previous page") @QueryParam("cursor") String cursor) {
        return keys.list(cursor, Page.limit(Params.integer("limit", limit)));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getApiKey", summary = "Get an API key", description = "Its name, prefix, scopes, queues, limits and state.")
    @APIResponse(responseCode = "200", description = "The key", content = @Content(schema = @Schema(implementation = ApiKeyViews.KeyView.class)))
    @APIResponse(responseCode = "404", description = "No such key", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public ApiKeyViews.KeyView get(@PathParam("id") String id) {
        return keys.get(id);
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "revokeApiKey", summary = "Revoke an API key",
            description = "Takes effect at once on the replica that serves this request and within `LEAD_HANDOFF_SECURITY_KEY_CACHE_TTL` "
                    + "(1 s) on the others, which trust a key they have checked for that long. Revoking a revoked key is a no-op.")
    @Produces(MediaType.WILDCARD) // no body: no Accept can make this fail (the class's JSON would answer 406)
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", description = "No such key", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Response revoke(@PathParam("id") String id) {
        return writes.run(caller.get().id(), null, () -> {
            keys.revoke(id);
            return Answer.noContent();
        });
    }

    @Schema(name = "ApiKeyPage")
    static final class KeyPage {
        public List<ApiKeyViews.KeyView> items;
        @Schema(description = "Pass as `cursor` for the next page; absent on the last page")
        public String nextCursor;
    }
}
