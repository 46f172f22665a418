package io.leadhandoff.security;

import jakarta.enterprise.context.RequestScoped;

/** The caller of the current request, set by {@link ApiKeyFilter} once the key is checked. */
@RequestScoped
public class CurrentCaller {

    private Caller caller = Caller.SYSTEM;

    public Caller get() {
        return caller;
    }

    public void set(Caller caller) {
        this.caller = caller;
    }
}
