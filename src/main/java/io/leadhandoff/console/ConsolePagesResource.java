package io.leadhandoff.console;

import io.leadhandoff.common.ProblemException;
import io.leadhandoff.report.Csv;
import io.leadhandoff.security.Caller;
import io.leadhandoff.security.Scope;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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
    private final Clock clock;
    private final OverviewPage overview;
    private final QualityPage quality;
    private final FunnelPage funnel;
    private final QueuesPage queues;
    private final ModelsPage models;
    private final LeadPage lead;

    public ConsolePagesResource(ConsoleAuth auth, Clock clock, OverviewPage overview, QualityPage quality, FunnelPage funnel,
                                QueuesPage queues, ModelsPage models, LeadPage lead) {
        this.auth = auth;
        this.clock = clock;
        this.overview = overview;
        this.quality = quality;
        this.funnel = funnel;
        this.queues = queues;
        this.models = models;
        this.lead = lead;
    }

    @GET
    public TemplateInstance overview(@CookieParam(ConsoleAuth.COOKIE) String session) {
        Caller caller = auth.require(session, Scope.REPORTS_READ);
        return Templates.overview(frame("Overview", "overview", caller), overview.build(caller));
    }

    @GET
    @Path("/lead-quality")
    public TemplateInstance quality(@CookieParam(ConsoleAuth.COOKIE) String session, @QueryParam("groupBy") String groupBy,
                                    @QueryParam("from") String from, @QueryParam("to") String to) {
        Caller caller = auth.require(session, Scope.REPORTS_READ);
        return Templates.quality(frame("Lead quality", "quality", caller),
                quality.build(caller, groupBy == null || groupBy.isBlank() ? "source" : groupBy, Period.of(from, to, clock)));
    }

    /** The lead-quality table as CSV, the same bytes as the report API's text/csv answer. */
    @GET
    @Path("/lead-quality.csv")
    @Produces("text/csv")
    public Response qualityCsv(@CookieParam(ConsoleAuth.COOKIE) String session, @QueryParam("groupBy") String groupBy,
                               @QueryParam("from") String from, @QueryParam("to") String to) {
        Caller caller = auth.require(session, Scope.REPORTS_READ);
        String group = groupBy == null || groupBy.isBlank() ? "source" : groupBy;
        return Response.ok(Csv.of(quality.rows(caller, group, Period.of(from, to, clock))))
                .type("text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"lead-quality.csv\"")
                .build();
    }

    @GET
    @Path("/funnel")
    public TemplateInstance funnel(@CookieParam(ConsoleAuth.COOKIE) String session, @QueryParam("from") String from,
                                   @QueryParam("to") String to) {
        Caller caller = auth.require(session, Scope.REPORTS_READ);
        return Templates.funnel(frame("Funnel", "funnel", caller), funnel.build(Period.of(from, to, clock)));
    }

    @GET
    @Path("/queues")
    public TemplateInstance queues(@CookieParam(ConsoleAuth.COOKIE) String session, @QueryParam("from") String from,
                                   @QueryParam("to") String to) {
        Caller caller = auth.require(session, Scope.REPORTS_READ);
        return Templates.queues(frame("Queues and reps", "queues", caller), queues.build(caller, Period.of(from, to, clock)));
    }

    @GET
    @Path("/models")
    public TemplateInstance models(@CookieParam(ConsoleAuth.COOKIE) String session, @QueryParam("from") String from,
                                   @QueryParam("to") String to) {
        Caller caller = auth.require(session, Scope.REPORTS_READ);
        return Templates.models(frame("Scoring models", "models", caller), models.build(caller, Period.of(from, to, clock)));
    }

    @GET
    @Path("/leads/{id}")
    public TemplateInstance lead(@CookieParam(ConsoleAuth.COOKIE) String session, @PathParam("id") String id) {
        Caller caller = auth.require(session, Scope.LEADS_READ);
        return Templates.lead(frame("Lead " + id, "", caller), lead.build(caller, id));
    }

    @ServerExceptionMapper
    Response denied(ConsoleDenied e) {
        return ConsoleErrors.denied(e);
    }

    @ServerExceptionMapper
    Response problem(ProblemException e) {
        return ConsoleErrors.problem(e);
    }

    private static Templates.Frame frame(String title, String active, Caller caller) {
        return new Templates.Frame(title, active, caller.label());
    }
}
