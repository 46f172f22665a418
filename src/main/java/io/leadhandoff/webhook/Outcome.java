package io.leadhandoff.webhook;

import java.time.Duration;

/**
 * What a destination answered to one delivery: a status (null when there was no answer), how long it took, the
 * error when there was no answer, a capped excerpt of the body, and the {@code Retry-After} it asked for.
 */
record Outcome(Integer status, long latencyMs, String error, String excerpt, Duration retryAfter) {

    static final int EXCERPT = 500;

    boolean delivered() {
        return status != null && status >= 200 && status < 300;
    }

    /** Worth another attempt: no answer, 5xx, 408, 409, 429 (and 3xx: redirects are not followed, the URL may be fixed). */
    boolean retryable() {
        if (status == null) {
            return true;
        }
        int s = status;
        return s >= 500 || s == 408 || s == 409 || s == 429 || (s >= 300 && s < 400);
    }

    /** One line for the subscription's last failure. */
    String summary() {
        if (status == null) {
            return error;
        }
        return "HTTP " + status + (error == null ? "" : " (" + error + ")")
                + (excerpt == null || excerpt.isEmpty() ? "" : ": " + cap(excerpt, 200));
    }

    static String cap(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
