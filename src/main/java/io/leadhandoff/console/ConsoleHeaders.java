package io.leadhandoff.console;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Security headers of every console response, pages and assets alike. The pages run no script at
 * all, so the policy allows none; styles and images come from the service itself only.
 */
@ApplicationScoped
public class ConsoleHeaders {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    void install(@Observes Router router) {
        router.route("/console*").order(Integer.MIN_VALUE + 1).handler(ConsoleHeaders::add);
        router.routeWithRegex("/").order(Integer.MIN_VALUE + 1).handler(ConsoleHeaders::add);
    }

    private static void add(RoutingContext ctx) {
        ctx.response()
                .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("Cache-Control", ctx.request().path().startsWith("/console/assets/") ? "max-age=3600" : "no-store");
        ctx.next();
    }
}
