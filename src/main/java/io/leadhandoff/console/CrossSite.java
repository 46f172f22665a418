package io.leadhandoff.console;

import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Login CSRF: a sign-in or sign-out form posted from another site is refused. Browsers say where a request comes
 * from in {@code Sec-Fetch-Site} (only {@code same-origin}, or {@code none} for a user's own navigation, pass) and
 * in {@code Origin}, which must name the host (and port) the request was sent to, as its Host header does.
 * A request with neither header is no browser's cross-site post (every current browser sends one of them on a
 * form POST), so command-line clients keep working.
 */
final class CrossSite {

    private CrossSite() {
    }

    /** Why the request is refused, or empty when it comes from this service's own pages. */
    static Optional<String> refusal(HttpServerRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none")) {
            return Optional.of("The request came from another site (Sec-Fetch-Site: " + site.toLowerCase(Locale.ROOT)
                    + "); sign in and out from the console's own pages");
        }
        String origin = request.getHeader("Origin");
        if (origin != null && !sameOrigin(origin, request.getHeader("Host"))) {
            return Optional.of("The request came from another origin than this service; sign in and out from the console's own pages");
        }
        return Optional.empty();
    }

    /** The Origin names the host and port the request was sent to ("null", from a sandboxed document, never does). */
    private static boolean sameOrigin(String origin, String host) {
        String authority = authority(origin);
        return authority != null && host != null && authority.equalsIgnoreCase(host.trim());
    }

    private static String authority(String url) {
        try {
            URI uri = URI.create(url.trim());
            if (uri.getHost() == null || uri.getScheme() == null) {
                return null;
            }
            return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
