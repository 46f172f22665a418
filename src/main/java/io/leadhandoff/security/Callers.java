package io.leadhandoff.security;

import io.quarkus.arc.Arc;
import jakarta.enterprise.context.ApplicationScoped;

/** Who is acting now: the request's caller, or {@link Caller#SYSTEM} outside a request (a scheduled job). */
@ApplicationScoped
public class Callers {

    private final CurrentCaller caller;

    public Callers(CurrentCaller caller) {
        this.caller = caller;
    }

    public Caller current() {
        return Arc.container().requestContext().isActive() ? caller.get() : Caller.SYSTEM;
    }
}
