package io.leadhandoff.console;

import io.leadhandoff.common.ProblemException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Signing in to the console with an API key, and out again. The key is checked once and never kept. */
@Path("/console")
public class ConsoleSessionResource {

    static final URI HOME = URI.create("/console");

    private final ConsoleAuth auth;
    private final ConsoleConfig config;
    private final ConsoleTemplates templates;

    public ConsoleSessionResource(ConsoleAuth auth, ConsoleConfig config, ConsoleTemplates templates) {
        this.auth = auth;
        this.config = config;
        this.templates = templates;
    }

    @GET
    @Path("/sign-in")
    @Produces(MediaType.TEXT_HTML)
    public Response signInPage(@CookieParam(ConsoleAuth.COOKIE) String session, @QueryParam("ended") String ended) {
        if (auth.signedIn(session).isPresent()) {
            return Response.seeOther(HOME).build();
        }
        String why = ConsoleDenied.KEY_GONE.equals(ended) ? "You were signed out: the API key of your session was revoked or has expired. "
                + "Sign in with a valid key." : ConsoleDenied.SESSION_ENDED.equals(ended)
                ? "Your session has ended (sessions last " + config.sessionTtl().toHours() + " hours, and signing out ends them). Sign in again." : null;
        return Response.ok(signIn(why)).build();
    }

    @POST
    @Path("/session")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response signIn(@FormParam("apiKey") String apiKey, @Context HttpServerRequest request) {
        refuseCrossSite(request);
        String address = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        return auth.signIn(apiKey, address)
                .map(token -> Response.seeOther(HOME).cookie(cookie(token, (int) config.sessionTtl().toSeconds())).build())
                .orElseGet(() -> Response.status(401).entity(signIn("That API key is not valid or has been revoked.")).build());
    }

    @POST
    @Path("/sign-out")
    public Response signOut(@CookieParam(ConsoleAuth.COOKIE) String session, @Context HttpServerRequest request) {
        refuseCrossSite(request);
        auth.signOut(session);
        return Response.seeOther(ConsoleErrors.SIGN_IN).cookie(cookie("", 0)).build();
    }

    @ServerExceptionMapper
    Response denied(ConsoleDenied e) {
        return ConsoleErrors.denied(e, templates);
    }

    @ServerExceptionMapper
    Response problem(ProblemException e) {
        return ConsoleErrors.problem(e, templates, null);
    }

    private void refuseCrossSite(HttpServerRequest request) {
        CrossSite.refusal(request).ifPresent(reason -> {
            throw ConsoleDenied.crossSite(reason);
        });
    }

    private String signIn(String error) {
        return templates.signIn(ConsoleTemplates.Frame.of("Sign in", "", null), error);
    }

    private NewCookie cookie(String value, int maxAgeSeconds) {
        return new NewCookie.Builder(ConsoleAuth.COOKIE).value(value).path("/console").maxAge(maxAgeSeconds)
                .httpOnly(true).secure(config.secureCookie()).sameSite(NewCookie.SameSite.STRICT).build();
    }
}
