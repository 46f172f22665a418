package io.leadhandoff.routing;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadhandoff.common.JsonBinder;
import io.leadhandoff.common.Page;
import io.leadhandoff.common.Params;
import io.leadhandoff.common.Problem;
import io.leadhandoff.common.ProblemMappers;
import io.leadhandoff.common.RequestBodies;
import io.leadhandoff.security.CurrentCaller;
import io.leadhandoff.security.Scope;
import io.leadhandoff.write.Answer;
import io.leadhandoff.http.Writes;
import io.leadhandoff.write.Reads;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Accounts", description = "Companies already owned by a rep: leads that match one (by domain, company name or a close "
        + "company name) go to its owner first")
@SecurityRequirement(name = Scope.SCHEME, scopes = "admin")
public class AccountResource {

    private static final String KEY = "An account id (letters, digits, `_` and `-`) or one of its domains (anything else, such as "
            + "`acme.com`): a segment with a dot is always a domain, because account ids have none";
    private static final String IDEMPOTENCY = "Client-chosen key (1–255 visible ASCII characters); a retry with the same key and body "
            + "within 24 h replays the first answer";

    private final AccountService accounts;
    private final JsonBinder binder;
    private final Writes writes;
    private final Reads reads;
    private final CurrentCaller caller;

    public AccountResource(AccountService accounts, JsonBinder binder, Writes writes, Reads reads, CurrentCaller caller) {
        this.accounts = accounts;
        this.binder = binder;
        this.writes = writes;
        this.reads = reads;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createAccount", summary = "Create an account",
            description = "An account with its domains (any subdomain of one matches too; each domain belongs to one account), name, "
                    + "owner, queue, optional parent and free attributes. It needs a name or a domain. Without an owner, its "
                    + "nearest parent's owner takes its leads. Matching sees it on every replica within about a second. Honours "
                    + "`Idempotency-Key`.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = AccountViews.AccountRequest.class)))
    @APIResponse(responseCode = "201", description = "Created; Location names it", content = @Content(schema = @Schema(implementation = AccountViews.AccountView.class)))
    @APIResponse(responseCode = "404", description = "No such queue", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The id exists, or a domain belongs to another account", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Invalid account: every offending field, e.g. a domain that is not under a public suffix, a parent that does not exist or would make a cycle", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Response create(JsonNode body) {
        AccountViews.AccountRequest request = binder.bind(RequestBodies.require(body), AccountViews.AccountRequest.class);
                return writes.run(caller.get().id(), request, () -> {
            AccountViews.AccountView created = accounts.create(request);
            return Answer.created(created, "/api/v1/accounts/" + created.id());
        });
    }

    @GET
    @Operation(operationId = "listAccounts", summary = "List accounts", description = "In id order, paginated with `cursor`.")
    @APIResponse(responseCode = "200", description = "A page of accounts", content = @Content(schema = @Schema(implementation = AccountViews.AccountPage.class)))
    @APIResponse(responseCode = "422", description = "Invalid limit or cursor", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public AccountViews.AccountPage list(
            @Parameter(description = "Page size, 1–200 (default 50)", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "50")) @QueryParam("limit") String limit,
            @Parameter(description = "`nextCursor` from the previous page") @QueryParam("cursor") String cursor) {
        int size = Page.limit(Params.integer("limit", limit));
        return reads.call(() -> accounts.list(cursor, size));
    }

    @POST
    @Path("/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "importAccounts", summary = "Import up to 1,000 accounts",
            description = "Each item is an account as `createAccount` takes it, validated and written on its own: one refused item "
                    + "never fails the others. An item with the `id` of an existing account replaces it, so a CRM export can be "
                    + "loaded again to update; a child may name a parent created earlier in the same request. The body is "
                    + "`{\"accounts\": [...]}` or a bare JSON array. More than 1,000 items is a 413. Honours `Idempotency-Key` "
                    + "(exactly once, even across a crash mid-batch).")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = AccountViews.BatchRequest.class)))
    @APIResponse(responseCode = "200", description = "One result per item", content = @Content(schema = @Schema(implementation = AccountViews.BatchResult.class)))
    @APIResponse(responseCode = "400", description = "Body is not well-formed JSON", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "More than 1,000 items", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The body is not a list of accounts", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Response importBatch(JsonNode body) {
        RequestBodies.Items items = RequestBodies.items(body, "accounts", AccountBatch.MAX_ITEMS);
        return writes.chunked(caller.get().id(), items.list(), new AccountBatch(binder, accounts).chunks(items.list(), items.pointerPrefix()));
    }

    @PUT
    @Path("/{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "putAccount", summary = "Create or replace an account by id; set a one-domain account's owner by domain",
            description = "By id: the account under that id, replaced whole (200) or created (201). By domain (the shortcut kept from "
                    + "when an account was one domain): the same body, with `domains` absent, empty or just the path's domain and "
                    + "`id` absent or the account's; it replaces the account holding that domain whole (name, owner, queue, parent, "
                    + "attributes), or creates a one-domain account for it (200 either way); a domain of an account with several "
                    + "domains is a 409 (use its id).")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = AccountViews.AccountRequest.class)))
    @APIResponse(responseCode = "200", description = "The account", content = @Content(schema = @Schema(implementation = AccountViews.AccountView.class)))
    @APIResponse(responseCode = "201", description = "Created under the id of the path", content = @Content(schema = @Schema(implementation = AccountViews.AccountView.class)))
    @APIResponse(responseCode = "404", description = "No such queue", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "A domain belongs to another account, or the domain's account has several domains", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Invalid domain or account; by domain, also `domains` other than the path's domain or an `id` other than the account's", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Response put(@Parameter(description = KEY) @PathParam("key") String key,
                        JsonNode body) {
        JsonNode json = RequestBodies.require(body);
        if (AccountService.isId(key)) {
            AccountViews.AccountRequest request = binder.bind(json, AccountViews.AccountRequest.class);
            return writes.run(caller.get().id(), request, () -> {
                AccountService.Written w = accounts.put(key, request, "");
                return w.created() ? Answer.created(w.account(), "/api/v1/accounts/" + key) : Answer.ok(w.account());
            });
        }
        AccountViews.AccountRequest request = binder.bind(json, AccountViews.AccountRequest.class);
        return writes.run(caller.get().id(), request, () -> Answer.ok(accounts.putDomain(key, request)));
    }

    @GET
    @Path("/{key}")
    @Operation(operationId = "getAccount", summary = "Get an account by id or by one of its domains",
            description = "A segment without a dot is an account id; one with a dot is a domain, answered with the account holding it.")
    @APIResponse(responseCode = "200", description = "The account", content = @Content(schema = @Schema(implementation = AccountViews.AccountView.class)))
    @APIResponse(responseCode = "404", description = "No such account", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The path holds neither an id nor a domain name", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public AccountViews.AccountView get(@Parameter(description = KEY) @PathParam("key") String key) {
        return reads.call(() -> accounts.get(key));
    }

    @DELETE
    @Path("/{key}")
    @Operation(operationId = "deleteAccount", summary = "Remove an account",
            description = "Its leads are routed by the rules from now on. An account with child accounts, or (by domain) one with "
                    + "several domains, is a 409.")
    @Produces(MediaType.WILDCARD) // no body: no Accept can make this fail (the class's JSON would answer 406)
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such account", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The account has child accounts, or several domains when named by one", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The path holds neither an id nor a domain name", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Response delete(@Parameter(description = KEY) @PathParam("key") String key) {
                return writes.run(caller.get().id(), null, () -> {
            accounts.delete(key);
            return Answer.noContent();
        });
    }
}
