package io.leadhandoff.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the console's sign-in sessions; see the README's configuration table. */
@ConfigMapping(prefix = "lead-handoff.console")
public interface ConsoleConfig {

    /** How long a console session lasts from sign-in (LEAD_HANDOFF_CONSOLE_SESSION_TTL). */
    @WithDefault("PT8H")
    Duration sessionTtl();

    /** Whether the session cookie carries {@code Secure}; turn off only for plain-HTTP local runs. */
    @WithDefault("true")
    boolean secureCookie();

    /** Sign-in attempts a client address may make per second on average. */
    @WithDefault("1")
    int signInsPerSecond();

    /** Sign-in attempts a client address may make at once. */
    @WithDefault("10")
    int signInBurst();
}
