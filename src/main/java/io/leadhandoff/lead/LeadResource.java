package io.leadhandoff.lead;

import io.leadhandoff.security.Caller;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadhandoff.common.JsonBinder;
import io.leadhandoff.common.Page;
import io.leadhandoff.common.Params;
import io.leadhandoff.common.Problem;
import io.leadhandoff.common.ProblemMappers;
import io.leadhandoff.common.RequestBodies;
import io.leadhandoff.write.Answer;
import io.leadhandoff.http.Writes;
import io.leadhandoff.security.CurrentCaller;
import io.leadhandoff.security.Scope;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/leads")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Leads", description = "Intake and reading of marketing-qualified leads")
public class LeadResource {

    private final LeadService service;
    private final LeadQueries queries;
    private final JsonBinder binder;
    private final Writes writes;
    private final IntakeMetrics metrics;
    private final CurrentCaller caller;
    private final ErasureService erasure;
    private final IntakeGroups groups;

    public LeadResource(LeadService service, LeadQueries queries, JsonBinder binder, Writes writes, IntakeMetrics metrics,
                        CurrentCaller caller, ErasureService erasure, IntakeGroups groups) {
        this.groups = groups;
        this.caller = caller;
        this.erasure = erasure;
        this.service = service;
        this.queries = queries;
        this.binder = binder;
        this.writes = writes;
        this.metrics = metrics;
    }

    @POST
    @SecurityRequirement(name = Scope.SCHEME, scopes = "leads:write")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "ingestLead", summary = "Ingest one lead",
            description = "Normalises, de-duplicates and stores a lead. A new lead answers 201 with Location; a post whose email "
                    + "matches an open lead is merged into it (200, `merged: true`); a repeat of (source, externalId) updates that "
                    + "lead (200) while it is open. A post of a closed lead's person (won, lost, rejected or recycled; by email or "
                    + "by tool identity) starts a new cycle: a new lead (201) linked by `cycle.previousLeadId`, scored and routed "
                    + "afresh, which takes over the tool identities. Send `Idempotency-Key` to make retries safe. Posts that arrive together are written together "
                    + "(group commit, in arrival order); each answer shows the lead as of its own post.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = LeadRequest.class),
            examples = @ExampleObject(name = "webinar signup", value = LeadExamples.SINGLE)))
    @APIResponse(responseCode = "201", description = "A new lead was created (also a new cycle of a closed lead's person)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IntakeResult.class)))
    @APIResponse(responseCode = "200", description = "Merged into, or updated, an existing lead",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IntakeResult.class)))
    @APIResponse(responseCode = "400", description = "Body is not well-formed JSON", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "A request with this Idempotency-Key is still in flight", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body larger than 2 MiB", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Content-Type is missing, is not application/json, or names a charset other than UTF-8", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Invalid lead, listing every offending field; or Idempotency-Key reused with another body",
            content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "invalid email", value = LeadExamples.VALIDATION_PROBLEM)))
    public Response ingest(
            JsonNode body) {
        LeadRequest request = binder.bind(RequestBodies.require(body), LeadRequest.class);
        NormalizedLead lead = Normalizer.normalize(request);
        return metrics.timeIntake(() -> writes.grouped(caller.get().id(), request, groups.commit(), lead, result -> {
            IntakeResult answer = new IntakeResult(result.outcome(), result.outcome() == IntakeResult.Outcome.MERGED, result.view());
            return result.outcome() == IntakeResult.Outcome.CREATED
                    ? Answer.created(answer, "/api/v1/leads/" + result.lead().id())
                    : Answer.ok(answer);
        }));
    }

    @POST
    @SecurityRequirement(name = Scope.SCHEME, scopes = "leads:write")
    @Path("/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "ingestLeadBatch", summary = "Ingest up to 1,000 leads",
            description = "Each item is validated and ingested on its own: one bad item never fails the others. The answer has "
                    + "one result per item, in order. The body is `{\"leads\": [...]}` or a bare JSON array. More than 1,000 "
                    + "items is a 413. Honours `Idempotency-Key`.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = BatchRequest.class),
            examples = @ExampleObject(name = "two leads, one bad", value = LeadExamples.BATCH)))
    @APIResponse(responseCode = "200", description = "One result per item",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchResult.class)))
    @APIResponse(responseCode = "400", description = "Body is not well-formed JSON", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "More than 1,000 items, or body larger than 10 MiB", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The body is not a list of leads", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Response ingestBatch(
            JsonNode body) {
        RequestBodies.Items items = RequestBodies.items(body, "leads", BatchRequest.MAX_ITEMS);
        return metrics.timeIntake(() -> writes.chunked(caller.get().id(), items.list(),
                new BatchIntake(binder, service).chunks(items.list(), items.pointerPrefix())));
    }

    @GET
    @SecurityRequirement(name = Scope.SCHEME, scopes = "leads:read")
    @Path("/{id}")
    @Operation(operationId = "getLead", summary = "Get one lead",
            description = "The stored lead with its normalised fields, raw values where they differ, and lifecycle status.")
    @APIResponse(responseCode = "200", description = "The lead",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeadView.class)))
    @APIResponse(responseCode = "404", description = "No such lead", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public LeadView get(@Parameter(description = "Lead id") @PathParam("id") String id) {
        return queries.get(id, caller.get());
    }

    @GET
    @SecurityRequirement(name = Scope.SCHEME, scopes = "leads:read")
    @Path("/{id}/history")
    @Operation(operationId = "getLeadHistory", summary = "Timeline of everything that happened to a lead",
            description = "Oldest first, paginated with `cursor`.")
    @APIResponse(responseCode = "200", description = "A page of history entries",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HistoryPage.class)))
    @APIResponse(responseCode = "404", description = "No such lead", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Invalid limit or cursor", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Page<HistoryEntry> history(
            @PathParam("id") String id,
            @Parameter(description = "Page size, 1–200 (default 50)", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "50")) @QueryParam("limit") String limit,
            @Parameter(description = "`nextCursor` from the previous page") @QueryParam("cursor") String cursor) {
        return queries.history(id, cursor, Page.limit(Params.integer("limit", limit)), caller.get());
    }

    @GET
    @SecurityRequirement(name = Scope.SCHEME, scopes = "leads:read")
    @Operation(operationId = "listLeads", summary = "List and find leads",
            description = "Keyset-paginated in id order (oldest first) unless `sort` says otherwise, stable under concurrent inserts. Pass `nextCursor` as "
                    + "`cursor` for the next page; it is null on the last page. Filters combine with AND; `email` and `domain` "
                    + "are normalised as at intake; `externalId` needs `source` and finds the lead by any tool identity that "
                    + "touched it (after a new cycle, the newest). Every cycle of a person is its own lead: `email=` lists them "
                    + "all. A query parameter not listed here is a 422 naming it.")
    @APIResponse(responseCode = "200", description = "A page of leads",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeadPage.class)))
    @APIResponse(responseCode = "422", description = "Invalid filter, limit or cursor", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Page<LeadView> list(
            @Parameter(description = "Only leads in this status", schema = @Schema(type = SchemaType.STRING, enumeration = {"received", "scored", "disqualified",
                    "queued", "claimed", "accepted", "converted", "won", "lost", "rejected", "recycled", "erased"}))
            @QueryParam("status") String status,
            @Parameter(description = "Only leads from this source", examples = @ExampleObject(name = "hubspot", value = "hubspot")) @QueryParam("source") String source,
            @Parameter(description = "Only the lead this tool knows by this id (needs `source`)", examples = @ExampleObject(name = "hubspot contact", value = "hs-contact-90211")) @QueryParam("externalId") String externalId,
            @Parameter(description = "Only leads with this email (normalised as at intake: case and Unicode folded)", examples = @ExampleObject(name = "email", value = "ada.lovelace@analytical-engines.example")) @QueryParam("email") String email,
            @Parameter(description = "Only leads of this company domain", examples = @ExampleObject(name = "domain", value = "analytical-engines.example")) @QueryParam("domain") String domain,
            @Parameter(description = "Only leads of this campaign") @QueryParam("campaign") String campaign,
            @Parameter(description = "Only leads in this queue (same as `queueId`)") @QueryParam("queue") String queue,
            @Parameter(description = "Only leads in this queue (same as `queue`)", examples = @ExampleObject(name = "queue", value = "inbound")) @QueryParam("queueId") String queueId,
            @Parameter(description = "Only leads assigned to or claimed by this rep", examples = @ExampleObject(name = "rep", value = "rep-042")) @QueryParam("ownerRepId") String ownerRepId,
            @Parameter(description = "Only leads received at or after this instant (ISO-8601 UTC)", schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("createdFrom") String createdFrom,
            @Parameter(description = "Only leads received before this instant (ISO-8601 UTC)", schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("createdTo") String createdTo,
            @Parameter(description = "Only leads changed at or after this instant (ISO-8601 UTC)", schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("updatedSince") String updatedSince,
            @Parameter(description = "Only leads of this rep as the reports count them: the rep who gave the verdict, else the rep the lead is with "
                    + "(`(none)`: neither)", examples = @ExampleObject(name = "rep", value = "rep-042")) @QueryParam("rep") String rep,
            @Parameter(description = "Only leads that reached this step, counted as the reports count it: `accepted` is the final verdict "
                    + "(lead quality's accepted), `everAccepted` every lead accepted at some time (the funnel's)",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"accepted", "everAccepted", "rejected", "recycled", "converted",
                            "won", "lost", "disqualified", "routed", "breached"})) @QueryParam("outcome") String outcome,
            @Parameter(description = "Only leads in this score band, by its lower bound (0, 10, … 90; 90 holds 90–100); -1: unscored",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "-1", maximum = "90")) @QueryParam("scoreBand") String scoreBand,
            @Parameter(description = "Only leads of this score grade", examples = @ExampleObject(name = "grade", value = "A")) @QueryParam("grade") String grade,
            @Parameter(description = "Only leads rejected for this reason", examples = @ExampleObject(name = "reason", value = "NO_BUDGET"))
            @QueryParam("rejectionReason") String rejectionReason,
            @Parameter(description = "Search: the lead id, or part of the email, first or last name, full name or company (case-insensitive)",
                    examples = @ExampleObject(name = "search", value = "lovelace")) @QueryParam("q") String q,
            @Parameter(description = "Order: `received` (default, id order), `score`, `company` or `source`; a leading `-` reverses it",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"received", "-received", "score", "-score", "company", "-company",
                            "source", "-source"})) @QueryParam("sort") String sort,
            @Parameter(description = "Page size, 1–200 (default 50)", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "50")) @QueryParam("limit") String limit,
            @Parameter(description = "`nextCursor` from the previous page (of the same order)") @QueryParam("cursor") String cursor) {
        LeadListQuery query = new LeadListQuery(status, source, externalId, email, domain, campaign, queue, queueId, ownerRepId,
                createdFrom, createdTo, updatedSince, rep, outcome, scoreBand, grade, rejectionReason, q, sort);
        return queries.list(query.filter(caller.get().queues()), query.order(), cursor, Page.limit(Params.integer("limit", limit)));
    }

    @DELETE
    @Path("/{id}")
    @SecurityRequirement(name = Scope.SCHEME, scopes = "leads:write")
    @Operation(operationId = "eraseLead", summary = "Erase a lead's personal data",
            description = "Removes names, email, phone, title, city and region, website, UTM term and content, custom attributes, raw "
                    + "values, the tool's contact id, event details, feedback notes and stored idempotent answers (webhook event ids are "
                    + "stored only as hashes). Keeps what reports count (source, campaign, "
                    + "company, industry, size, country, scores, routing, outcome times). The lead stays as status `erased` and "
                    + "`lead.erased` goes on the change feed. Safe to repeat.")
    @Produces(MediaType.WILDCARD) // no body: no Accept can make this fail (the class's JSON would answer 406)
    @APIResponse(responseCode = "204", description = "Erased (now or before)")
    @APIResponse(responseCode = "404", description = "No such lead", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Response erase(@Parameter(description = "Lead id") @PathParam("id") String id) {
        Caller who = caller.get();
        return writes.run(who.id(), null, () -> {
            erasure.erase(id, who);
            return Answer.noContent();
        });
    }

    /** OpenAPI shape of a page of leads. */
    @Schema(name = "LeadPage")
    static final class LeadPage {
        public List<LeadView> items;
        @Schema(description = "Pass as `cursor` for the next page; absent on the last page")
        public String nextCursor;
    }

    /** OpenAPI shape of a page of history entries. */
    @Schema(name = "HistoryPage")
    static final class HistoryPage {
        public List<HistoryEntry> items;
        @Schema(description = "Pass as `cursor` for the next page; absent on the last page")
        public String nextCursor;
    }
}
