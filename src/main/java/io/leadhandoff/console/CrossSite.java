package io.leadhandoff.console;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Login CSRF: a sign-in or sign-out form posted from another site is refused. Browsers say where a request comes
 * from in {@code Sec-Fetch-Site} (only {@code same-origin}, or {@code none} for a user's own navigation, pass); a
 * browser that sends it is judged by it alone, because under the console's {@code Referrer-Policy: no-referrer} a
 * browser's own same-origin form post carries {@code Origin: null}. Older browsers without it are judged by
 * {@code Origin}, which must name the host (and port) the request was sent to (its Host, or the host a trusted
 * proxy forwards).
 * A request with neither header is no browser's cross-site post (every current browser sends one of them on a
 * form POST), so command-line clients keep working.
 */
final class CrossSite {

    private CrossSite() {
    }

    /** Why the request is refused, or empty when it comes from this service's own pages. */
    static Optional<String> refusal(HttpServerRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null) {
            return site.equalsIgnoreCase("same-origin") || site.equalsIgnoreCase("none") ? Optional.empty()
                    : Optional.of("The request came from another site (Sec-Fetch-Site: " + site.toLowerCase(Locale.ROOT)
                            + "); sign in and out from the console's own pages");
        }
        String origin = request.getHeader("Origin");
        if (origin != null && !sameOrigin(origin, request)) {
            return Optional.of("The request came from another origin than this service; sign in and out from the console's own pages");
        }
        return Optional.empty();
    }

    /**
     * The Origin names the host the request was sent to (its Host, or the host a trusted proxy forwards), and the same
     * port when both name a port other than 80 or 443: behind a TLS-terminating proxy the scheme, and so the default
     * port, differs between the two sides. "null" (a sandboxed document) names no host.
     */
    private static boolean sameOrigin(String origin, HttpServerRequest request) {
        URI from;
        try {
            from = URI.create(origin.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        HostAndPort to = request.authority();
        if (from.getHost() == null || to == null || to.host() == null) {
            return false;
        }
        int fromPort = explicitPort(from.getPort());
        int toPort = explicitPort(to.port());
        return from.getHost().equalsIgnoreCase(to.host()) && (fromPort < 0 || toPort < 0 || fromPort == toPort);
    }

    private static int explicitPort(int port) {
        return port == 80 || port == 443 ? -1 : port;
    }
}
