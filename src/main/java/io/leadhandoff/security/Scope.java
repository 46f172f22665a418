package io.leadhandoff.security;

import java.util.Arrays;
import java.util.Optional;

/** What an API key may do. {@link #ADMIN} includes every other scope. */
public enum Scope {
    LEADS_WRITE("leads:write"),
    LEADS_READ("leads:read"),
    WORK("work"),
    FEEDBACK_WRITE("feedback:write"),
    REPORTS_READ("reports:read"),
    EVENTS_READ("events:read"),
    ADMIN("admin");

    /** Name of the OpenAPI security scheme whose requirement scopes are enforced by {@link ApiKeyFilter}. */
    public static final String SCHEME = "apiKey";

    private final String wire;

    Scope(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<Scope> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(value)).findFirst();
    }
}
