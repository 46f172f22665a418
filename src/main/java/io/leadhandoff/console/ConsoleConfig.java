package io.leadhandoff.console;

import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The console's sign-in sessions: {@code lead-handoff.console.*} of the configuration tree. */
public interface ConsoleConfig {

    /** How long a console session lasts from sign-in. */
    @WithDefault("PT8H")
    Duration sessionTtl();

    /** Whether the session cookie carries {@code Secure}; turn off only for plain-HTTP local runs (dev mode does). */
    @WithDefault("true")
    boolean secureCookie();

    /** Sign-in attempts a client address may make per second on average, per replica. */
    @WithDefault("1")
    int signInsPerSecond();

    /** Sign-in attempts a client address may make at once. */
    @WithDefault("10")
    int signInBurst();
}
