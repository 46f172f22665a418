package io.leadhandoff.security;

import io.leadhandoff.common.ProblemException;
import io.leadhandoff.common.ProblemType;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * The IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers, structured-field form):
 * {@code RateLimit-Policy: "default";q=<burst>;w=<seconds>} and {@code RateLimit: "default";r=<left>;t=<seconds>}.
 */
public final class RateLimits {

    public static final String POLICY = "RateLimit-Policy";
    public static final String STATE = "RateLimit";

    private RateLimits() {
    }

    /** What was decided for one request, kept on the request for the response filter. */
    public record Applied(RateLimiter.Limit limit, RateLimiter.Decision decision) {
        void addTo(MultivaluedMap<String, Object> headers) {
            headers.putSingle(POLICY, policy(limit));
            headers.putSingle(STATE, state(decision));
        }
    }

    public static String policy(RateLimiter.Limit limit) {
        return "\"default\";q=" + limit.burst() + ";w=" + limit.windowSeconds();
    }

    public static String state(RateLimiter.Decision decision) {
        return "\"default\";r=" + decision.remaining() + ";t=" + decision.resetSeconds();
    }

    /**
     * The 429 problem. {@code retryAfterInMillis}: HubSpot reads Retry-After as milliseconds, everyone
     * else as seconds (RFC 9110).
     */
    public static ProblemException tooMany(RateLimiter.Limit limit, RateLimiter.Decision decision, boolean retryAfterInMillis) {
        long seconds = Math.max(1, (decision.retryAfterMillis() + 999) / 1000);
        long millis = Math.max(1, decision.retryAfterMillis());
        String retryAfter = Long.toString(retryAfterInMillis ? millis : seconds);
        return new ProblemException(ProblemType.RATE_LIMITED,
                "Rate limit of " + limit.perSecond() + " requests per second (burst " + limit.burst() + ") exceeded; retry after "
                        + retryAfter + (retryAfterInMillis ? " ms" : " s") + " (Retry-After)")
                .withHeader("Retry-After", retryAfter)
                .withHeader(POLICY, policy(limit))
                .withHeader(STATE, state(decision));
    }
}
