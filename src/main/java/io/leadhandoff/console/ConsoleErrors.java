package io.leadhandoff.console;

import io.leadhandoff.common.ProblemException;
import io.leadhandoff.security.Caller;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** Console failures as pages: signed out goes to sign-in, everything else is an HTML page with the right status. */
final class ConsoleErrors {

    static final URI SIGN_IN = URI.create("/console/sign-in");

    private ConsoleErrors() {
    }

    static Response denied(ConsoleDenied e, ConsoleTemplates templates) {
        if (e.reason() == ConsoleDenied.Reason.SIGNED_OUT) {
            boolean ended = ConsoleDenied.SESSION_ENDED.equals(e.getMessage()) || ConsoleDenied.KEY_GONE.equals(e.getMessage());
            return Response.seeOther(ended ? URI.create(SIGN_IN + "?ended=" + e.getMessage()) : SIGN_IN).build();
        }
        Response.ResponseBuilder answer = page(e.reason().status, e.reason() == ConsoleDenied.Reason.FORBIDDEN ? "Not allowed" : "Too many requests",
                e.getMessage(), e.signedIn(), templates);
        if (e.reason() == ConsoleDenied.Reason.RATE_LIMITED) {
            answer.header("Retry-After", Long.toString(e.retryAfterSeconds()));
        }
        return answer.build();
    }

    /** The service's own problems (a lead that does not exist, an invalid period) with their status and detail. */
    static Response problem(ProblemException e, ConsoleTemplates templates, Caller signedIn) {
        return page(e.type().status(), e.type().title(), e.getMessage(), signedIn, templates).build();
    }

    static Response.ResponseBuilder page(int status, String title, String detail, Caller signedIn, ConsoleTemplates templates) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(templates.error(ConsoleTemplates.Frame.of(title, "", signedIn), detail));
    }
}
