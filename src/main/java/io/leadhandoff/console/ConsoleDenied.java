package io.leadhandoff.console;

import io.leadhandoff.security.Caller;

/** Why a console request was turned away: no session, a scope the key lacks, or its rate limit. */
public class ConsoleDenied extends RuntimeException {

    /** What the user is told and which status answers it. */
    public enum Reason {
        SIGNED_OUT(303), FORBIDDEN(403), RATE_LIMITED(429);

        final int status;

        Reason(int status) {
            this.status = status;
        }
    }

    private final Reason reason;
    private final long retryAfterSeconds;
    private final Caller signedIn;

    ConsoleDenied(Reason reason, String message, long retryAfterSeconds, Caller signedIn) {
        super(message, null, false, false);
        this.reason = reason;
        this.retryAfterSeconds = retryAfterSeconds;
        this.signedIn = signedIn;
    }

    static ConsoleDenied signedOut() {
        return new ConsoleDenied(Reason.SIGNED_OUT, "Sign in to see this page", 0, null);
    }

    /** A session that was there and is not any more: {@code why} is {@link #SESSION_ENDED} or {@link #KEY_GONE}. */
    static ConsoleDenied ended(String why) {
        return new ConsoleDenied(Reason.SIGNED_OUT, why, 0, null);
    }

    /** The session expired or was signed out. */
    static final String SESSION_ENDED = "session";
    /** The session's API key was revoked or expired. */
    static final String KEY_GONE = "key";

    static ConsoleDenied forbidden(String scope, Caller signedIn) {
        return new ConsoleDenied(Reason.FORBIDDEN, "The API key you signed in with lacks the scope this page needs: " + scope, 0, signedIn);
    }

    /** A sign-in or sign-out posted from another site (login CSRF). */
    static ConsoleDenied crossSite(String reason) {
        return new ConsoleDenied(Reason.FORBIDDEN, reason, 0, null);
    }

    static ConsoleDenied rateLimited(long retryAfterSeconds) {
        return new ConsoleDenied(Reason.RATE_LIMITED, "Too many requests; try again in " + retryAfterSeconds + " s", retryAfterSeconds, null);
    }

    /** Who is signed in, for the page's header; null when nobody is (or it is not known yet). */
    public Caller signedIn() {
        return signedIn;
    }

    public Reason reason() {
        return reason;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
