package io.leadhandoff.console;

import io.leadhandoff.common.Params;
import io.leadhandoff.common.ProblemException;
import io.leadhandoff.report.Csv;
import io.leadhandoff.security.Caller;
import io.leadhandoff.security.CurrentCaller;
import io.leadhandoff.security.Scope;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The console's read-only pages. Each checks the session and the scope the matching API operation
 * needs, then renders what the same service the API uses computed; nothing here computes numbers.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class ConsolePagesResource {

    private final ConsoleAuth auth;
    private final ConsoleTemplates templates;
    private final Clock clock;
    private final OverviewPage overview;
    private final QualityPage quality;
    private final FunnelPage funnel;
    private final QueuesPage queues;
    private final ModelsPage models;
    private final LeadPage lead;
    private final CurrentCaller current;
    private final LeadListPage leadList;
    private final WebhooksPage webhooks;

    public ConsolePagesResource(ConsoleAuth auth, ConsoleTemplates templates, Clock clock, OverviewPage overview, QualityPage quality,
                                FunnelPage funnel, QueuesPage queues, ModelsPage models, LeadPage lead, CurrentCaller current,
                                LeadListPage leadList, WebhooksPage webhooks) {
        this.webhooks = webhooks;
        this.leadList = leadList;
        this.current = current;
        this.auth = auth;
        this.templates = templates;
        this.clock = clock;
        this.overview = overview;
        this.quality = quality;
        this.funnel = funnel;
        this.queues = queues;
        this.models = models;
        this.lead = lead;
    }

    /** A queue-limited key lands on its queues: the overview's numbers cover every queue. */
    @GET
    public Response overview(@CookieParam(ConsoleAuth.COOKIE) String session) {
        Caller caller = auth.require(session, Scope.REPORTS_READ);
        if (caller.limitedToQueues()) {
            return Response.seeOther(URI.create("/console/queues")).build();
        }
        return Response.ok(templates.overview(frame("Overview", "overview", caller), overview.build(caller)), MediaType.TEXT_HTML).build();
    }

    @GET
    @Path("/lead-quality")
    public String quality(@CookieParam(ConsoleAuth.COOKIE) String session, @QueryParam("groupBy") String groupBy,
                          @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("sort") String sort) {
        Caller caller = auth.require(session, Scope.REPORTS_READ);
        return templates.quality(frame("Lead quality", "quality", caller),
                quality.build(caller, QualityPage.grouping(caller, groupBy), Period.of(from, to, clock), sort));
    }

    /** The lead-quality table as CSV, the same bytes as the report API's text/csv answer. */
    @GET
    @Path("/lead-quality.csv")
    @Produces("text/csv")
    public Response qualityCsv(@CookieParam(ConsoleAuth.COOKIE) String session, @QueryParam("groupBy") String groupBy,
                               @QueryParam("from") String from, @QueryParam("to") String to) {
        Caller caller = auth.require(session, Scope.REPORTS_READ);
        Period period = Period.of(from, to, clock);
        return csv(Csv.of(quality.rows(caller, QualityPage.grouping(caller, groupBy), period)),
                csvName("lead-quality-by-" + QualityPage.grouping(caller, groupBy), period));
    }

    @GET
    @Path("/funnel")
    public String funnel(@CookieParam(ConsoleAuth.COOKIE) String session, @QueryParam("from") String from,
                         @QueryParam("to") String to) {
        Caller caller = auth.require(session, Scope.REPORTS_READ);
        return templates.funnel(frame("Funnel", "funnel", caller), funnel.build(caller, Period.of(from, to, clock)));
    }

    /** The funnel as CSV, the same bytes as the report API's text/csv answer. */
    @GET
    @Path("/funnel.csv")
    @Produces("text/csv")
    public Response funnelCsv(@CookieParam(ConsoleAuth.COOKIE) String session, @QueryParam("from") String from,
                              @QueryParam("to") String to) {
        Caller caller = auth.require(session, Scope.REPORTS_READ);
        Period period = Period.of(from, to, clock);
        return csv(Csv.funnel(funnel.report(caller, period)), csvName("funnel", period));
    }

    /** The SLA report (queues, then reps) as CSV, the same bytes as the report API's text/csv answer. */
    @GET
    @Path("/sla.csv")
    @Produces("text/csv")
    public Response slaCsv(@CookieParam(ConsoleAuth.COOKIE) String session, @QueryParam("from") String from,
                           @QueryParam("to") String to) {
        Caller caller = auth.require(session, Scope.REPORTS_READ);
        Period period = Period.of(from, to, clock);
        return csv(Csv.sla(queues.report(caller, period)), csvName("sla", period));
    }

    /** A model version's calibration as CSV (default the active model), the same bytes as the report API's text/csv answer. */
    @GET
    @Path("/score-calibration.csv")
    @Produces("text/csv")
    public Response calibrationCsv(@CookieParam(ConsoleAuth.COOKIE) String session, @QueryParam("from") String from,
                                   @QueryParam("to") String to, @QueryParam("version") String version) {
        Caller caller = auth.require(session, Scope.REPORTS_READ);
        Period period = Period.of(from, to, clock);
        io.leadhandoff.report.ReportViews.CalibrationReport report = models.report(caller, period, Params.integer("version", version));
        return csv(Csv.calibration(report), csvName("score-calibration-model-" + report.modelVersion(), period));
    }

    private static Response csv(String body, String fileName) {
        return Response.ok(body).type("text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"").build();
    }

    @GET
    @Path("/queues")
    public String queues(@CookieParam(ConsoleAuth.COOKIE) String session, @QueryParam("from") String from,
                         @QueryParam("to") String to, @QueryParam("sort") String sort, @QueryParam("repSort") String repSort) {
        Caller caller = auth.require(session, Scope.REPORTS_READ);
        return templates.queues(frame("Queues and reps", "queues", caller), queues.build(caller, Period.of(from, to, clock), sort, repSort));
    }

    @GET
    @Path("/models")
    public String models(@CookieParam(ConsoleAuth.COOKIE) String session, @QueryParam("from") String from,
                         @QueryParam("to") String to, @QueryParam("version") String version, @QueryParam("compare") String compare) {
        Caller caller = auth.require(session, Scope.REPORTS_READ);
        return templates.models(frame("Scoring models", "models", caller), models.build(caller, Period.of(from, to, clock),
                Params.integer("version", version), Params.integer("compare", compare)));
    }

    @GET
    @Path("/leads/{id}")
    public String lead(@CookieParam(ConsoleAuth.COOKIE) String session, @PathParam("id") String id) {
        Caller caller = auth.require(session, Scope.LEADS_READ);
        return templates.lead(frame("Lead " + id, "", caller), lead.build(caller, id));
    }

    /** The leads behind a count: the lead list API's filters, sortable, a page at a time. */
    @GET
    @Path("/leads")
    public String leads(@CookieParam(ConsoleAuth.COOKIE) String session, @Context UriInfo uri) {
        Caller caller = auth.require(session, Scope.LEADS_READ);
        return templates.leads(frame("Leads", "leads", caller), leadList.build(caller, uri.getQueryParameters()));
    }

    /** The filtered list as CSV (up to its first 10,000 leads), named for what it holds and the day it was taken. */
    @GET
    @Path("/leads.csv")
    @Produces("text/csv")
    public Response leadsCsv(@CookieParam(ConsoleAuth.COOKIE) String session, @Context UriInfo uri) {
        Caller caller = auth.require(session, Scope.LEADS_READ);
        return csv(Csv.of(leadList.csv(caller, uri.getQueryParameters())), LeadListPage.csvName(uri.getQueryParameters(), clock.instant()));
    }

    /** Outbound webhook subscriptions and their delivery health; admin keys, as the webhook API. */
    @GET
    @Path("/webhooks")
    public String webhooks(@CookieParam(ConsoleAuth.COOKIE) String session) {
        Caller caller = auth.require(session, Scope.ADMIN);
        return templates.webhooks(frame("Webhooks", "webhooks", caller), webhooks.build());
    }

    /** Any other console address: an HTML page (not the API's problem JSON) that keeps the signed-in header. */
    @GET
    @Path("/{rest: (?!assets/).+}")
    public Response unknown(@CookieParam(ConsoleAuth.COOKIE) String session, @PathParam("rest") String rest) {
        return ConsoleErrors.page(404, "Page not found", "The console has no page at /console/" + rest
                + ". The menu above lists the pages you can open.", auth.signedIn(session).orElse(null), templates).build();
    }

    @ServerExceptionMapper
    Response denied(ConsoleDenied e) {
        return ConsoleErrors.denied(e, templates);
    }

    @ServerExceptionMapper
    Response problem(ProblemException e) {
        return ConsoleErrors.problem(e, templates, current.get());
    }

    /** What a download holds and the days it covers, as its file name: lead-quality-by-source_2026-01-01_2026-03-31.csv. */
    static String csvName(String what, Period period) {
        return (what + "_" + period.fromDate() + "_" + period.toDate()).replaceAll("[^A-Za-z0-9._-]+", "-") + ".csv";
    }

    private static ConsoleTemplates.Frame frame(String title, String active, Caller caller) {
        return ConsoleTemplates.Frame.of(title, active, caller);
    }
}
