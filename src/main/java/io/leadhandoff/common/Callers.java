package io.leadhandoff.common;

/** Who is calling, for scoping Idempotency-Keys. Until API keys exist every caller is the same one. */
public final class Callers {

    public static final String ANONYMOUS = "anonymous";

    private Callers() {
    }
}
