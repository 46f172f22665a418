package io.leadhandoff.console;

import io.leadhandoff.write.WritePath;
import io.leadhandoff.security.ApiKeyService;
import io.leadhandoff.security.Caller;
import io.leadhandoff.security.CurrentCaller;
import io.leadhandoff.security.RateLimiter;
import io.leadhandoff.security.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Who is looking at a console page: the API key behind the session cookie, read again on every page
 * so a revoked key or a changed scope takes effect at once. Pages count against the key's rate limit
 * exactly as API calls do; sign-in attempts also count against the client address.
 */
@ApplicationScoped
public class ConsoleAuth {

    /** The session cookie; it carries a random token, never the API key. */
    public static final String COOKIE = "lh_console_session";
    private static final int MAX_KEY_LENGTH = 256;

    private final ConsoleSessions sessions;
    private final ApiKeyService keys;
    private final RateLimiter limiter;
    private final CurrentCaller current;
    private final RateLimiter.Limit signInLimit;
    private final WritePath writes;


    public ConsoleAuth(ConsoleSessions sessions, ApiKeyService keys, RateLimiter limiter, CurrentCaller current, ConsoleConfig config, WritePath writes) {
        this.writes = writes;
        this.sessions = sessions;
        this.keys = keys;
        this.limiter = limiter;
        this.current = current;
        this.signInLimit = new RateLimiter.Limit(config.signInsPerSecond(), config.signInBurst());
    }

    /** The signed-in caller allowed {@code scope}, or a {@link ConsoleDenied}. */
    public Caller require(String token, Scope scope) {
        if (token == null || token.isBlank()) {
            throw ConsoleDenied.signedOut();
        }
        String key = sessions.keyOf(token).orElseThrow(() -> ConsoleDenied.ended(ConsoleDenied.SESSION_ENDED));
        Caller caller = keys.callerOf(key).orElseThrow(() -> ConsoleDenied.ended(ConsoleDenied.KEY_GONE));
        take("key:" + caller.id(), caller.limit());
        if (!caller.has(scope)) {
            throw ConsoleDenied.forbidden(scope.wire(), caller);
        }
        current.set(caller);
        return caller;
    }

    public Optional<Caller> signedIn(String token) {
        return sessions.keyOf(token).flatMap(keys::callerOf);
    }

    /** Checks the key and opens a session; empty when the key is not valid. */
    public Optional<String> signIn(String apiKey, String clientAddress) {
        take("console-sign-in:" + clientAddress, signInLimit);
        if (apiKey == null || apiKey.isBlank() || apiKey.length() > MAX_KEY_LENGTH) {
            return Optional.empty();
        }
        Optional<Caller> caller = keys.authenticate(apiKey.trim());
        if (caller.isEmpty()) {
            return Optional.empty();
        }
        take("key:" + caller.get().id(), caller.get().limit());
        return Optional.of(writes.transaction(() -> sessions.open(caller.get())));
    }

    public void signOut(String token) {
        writes.transaction(() -> {
            sessions.close(token);
            return null;
        });
    }

    private void take(String bucket, RateLimiter.Limit limit) {
        RateLimiter.Decision decision = limiter.take(bucket, limit);
        if (!decision.allowed()) {
            throw ConsoleDenied.rateLimited(Math.max(1, (decision.retryAfterMillis() + 999) / 1000));
        }
    }
}
