package io.leadhandoff.report;

import io.leadhandoff.common.Params;
import io.leadhandoff.common.Problem;
import io.leadhandoff.common.ProblemException;
import io.leadhandoff.common.ProblemMappers;
import io.leadhandoff.security.Caller;
import io.leadhandoff.security.CurrentCaller;
import io.leadhandoff.security.Scope;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/reports")
@Produces({MediaType.APPLICATION_JSON, ReportResource.CSV})
@Tag(name = "Reports", description = "Lead quality, funnel, SLA and score calibration; JSON or CSV (Accept: text/csv)")
@SecurityRequirement(name = Scope.SCHEME, scopes = "reports:read")
public class ReportResource {

    static final String CSV = "text/csv";

    private final CallerReports reports;
    private final Clock clock;
    private final CurrentCaller caller;

    public ReportResource(CallerReports reports, Clock clock, CurrentCaller caller) {
        this.reports = reports;
        this.clock = clock;
        this.caller = caller;
    }

    @GET
    @Path("/lead-quality")
    @Operation(operationId = "leadQualityReport", summary = "Lead quality by source, campaign, queue, rep, score band or account match rule",
            description = "For leads received in [from, to): counts through the lifecycle, acceptance, conversion and win rates, "
                    + "median times to claim and to first feedback, SLA breach rate, top rejection reasons; by campaign and by source "
                    + "also spend (prorated to the window), cost per lead, per accepted lead and per won deal, in the spend's currency. "
                    + "Rows in `sort` order. A queue-limited key gets groupBy=queue only, holding its own queues (403 otherwise).")
    @APIResponse(responseCode = "200", description = "The report", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReportViews.QualityReport.class)),
            @Content(mediaType = CSV, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING))})
    @APIResponse(responseCode = "422", description = "Invalid groupBy or period", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Missing scope, or the key is limited to queues and this report adds up every queue", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Response leadQuality(
            @Parameter(description = "source, campaign, queue, rep, scoreBand or accountMatch (the rule that matched the lead to an "
                    + "account: domain, name, fuzzy, parent, ambiguous or none)", required = true,
                    schema = @Schema(implementation = ReportViews.GroupBy.class)) @QueryParam("groupBy") String groupBy,
            @Parameter(description = "Start (inclusive, ISO-8601 UTC); default 90 days before to", schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("from") String from,
            @Parameter(description = "End (exclusive); default now", schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("to") String to,
            @Parameter(description = "Row order: a column (group, received, accepted, acceptanceRate, conversionRate, winRate, "
                    + "slaBreachRate, costPerAcceptedLead, … any number column), ascending; a leading - for descending "
                    + "(`-acceptanceRate`: best first). Rows without a value come last. Default: by group",
                    examples = @org.eclipse.microprofile.openapi.annotations.media.ExampleObject(name = "best first", value = "-acceptanceRate"))
            @QueryParam("sort") String sort,
            @HeaderParam("Accept") String accept) {
        if (groupBy == null) {
            throw ProblemException.invalidParameter("groupBy", "is required: source, campaign, queue, rep, scoreBand or accountMatch");
        }
        Caller who = caller.get();
        CallerReports.requireLeadQuality(who, groupBy);
        String order = QualitySort.check(Params.text("sort", sort, 64));
        return report(from, to, accept, (start, end) -> QualitySort.apply(reports.leadQuality(who, groupBy, start, end), order),
                r -> Csv.of(r.rows()));
    }

    @GET
    @Path("/funnel")
    @Operation(operationId = "funnelReport", summary = "MQL → accepted → converted → won",
            description = "Count and rate at each step, median time between steps, sales-cycle length, revenue and average deal size. "
                    + "It adds up every queue, so a queue-limited key gets 403.")
    @APIResponse(responseCode = "200", description = "The funnel", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReportViews.FunnelReport.class)),
            @Content(mediaType = CSV, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING))})
    @APIResponse(responseCode = "422", description = "Invalid period", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Missing scope, or the key is limited to queues and this report adds up every queue", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Response funnel(@Parameter(description = "Start (inclusive)", schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("from") String from,
                           @Parameter(description = "End (exclusive)", schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("to") String to,
                           @HeaderParam("Accept") String accept) {
        Caller who = caller.get();
        CallerReports.requireEveryQueue(who, "The funnel");
        return report(from, to, accept, (start, end) -> reports.funnel(who, start, end), Csv::funnel);
    }

    @GET
    @Path("/sla")
    @Operation(operationId = "slaReport", summary = "SLA breaches by queue and rep",
            description = "Breaches and lease expiries by queue and by rep, breach rate, median and p90 seconds from routing to first claim. "
                    + "A queue-limited key sees only the rows of its queues.")
    @APIResponse(responseCode = "200", description = "The report", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReportViews.SlaReport.class)),
            @Content(mediaType = CSV, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING))})
    @APIResponse(responseCode = "422", description = "Invalid period", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Response sla(@Parameter(description = "Start (inclusive)", schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("from") String from,
                        @Parameter(description = "End (exclusive)", schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("to") String to,
                        @HeaderParam("Accept") String accept) {
        Caller who = caller.get();
        return report(from, to, accept, (start, end) -> reports.sla(who, start, end), Csv::sla);
    }

    @GET
    @Path("/score-calibration")
    @Operation(operationId = "scoreCalibrationReport", summary = "Does the score mean anything?",
            description = "For leads scored by the active model, or by model `version` (any version that scored leads, so old and "
                    + "new can be compared): acceptance and conversion rate per score band and per grade, and the Brier score and AUC "
                    + "of its acceptance probability (the learned probability, or total/100 for a rules-only model). "
                    + "It adds up every queue, so a queue-limited key gets 403.")
    @APIResponse(responseCode = "200", description = "The report", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReportViews.CalibrationReport.class)),
            @Content(mediaType = CSV, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING))})
    @APIResponse(responseCode = "422", description = "Invalid period", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Missing scope, or the key is limited to queues and this report adds up every queue", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such model version", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Response calibration(@Parameter(description = "Start (inclusive)", schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("from") String from,
                                @Parameter(description = "End (exclusive)", schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("to") String to,
                                @Parameter(description = "Model version whose leads to report; default the active one",
                                        schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) @QueryParam("version") String version,
                                @HeaderParam("Accept") String accept) {
        Caller who = caller.get();
        CallerReports.requireEveryQueue(who, "Score calibration");
        Integer v = Params.integer("version", version);
        if (v != null && v < 1) {
            throw ProblemException.invalidParameter("version", "must be at least 1");
        }
        return report(from, to, accept, (start, end) -> reports.calibration(who, start, end, v), Csv::calibration);
    }

    /** Validates the period, computes the report, answers JSON or (for Accept: text/csv) the whole report as CSV. */
    private <R> Response report(String from, String to, String accept, java.util.function.BiFunction<Instant, Instant, R> compute,
                                java.util.function.Function<R, String> csv) {
        Instant[] period = period(from, to);
        R report = compute.apply(period[0], period[1]);
        if (accept != null && accept.contains(CSV) && !accept.contains(MediaType.APPLICATION_JSON)) {
            return Response.ok(csv.apply(report)).type(CSV + "; charset=UTF-8").build();
        }
        return Response.ok(report).type(MediaType.APPLICATION_JSON).build();
    }

    private Instant[] period(String from, String to) {
        // default: up to and including the current (whole) second, which the service clock is in
        return Params.period(from, to, clock.instant());
    }
}
