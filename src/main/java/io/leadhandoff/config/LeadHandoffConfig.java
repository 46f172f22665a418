package io.leadhandoff.config;

import io.leadhandoff.common.RequestConfig;
import io.leadhandoff.common.StartupConfig;
import io.leadhandoff.console.ConsoleConfig;
import io.leadhandoff.event.EventsConfig;
import io.leadhandoff.report.ReportsConfig;
import io.leadhandoff.routing.AccountsConfig;
import io.leadhandoff.security.SecurityConfig;
import io.leadhandoff.webhook.WebhookConfig;
import io.leadhandoff.work.WorkConfig;
import io.leadhandoff.write.GroupCommitConfig;
import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * The service's own settings: one tree under {@code lead-handoff}, one group per concern. Each group is an
 * interface beside the code it configures, with the Javadoc and default of every key; {@link ConfigGroups}
 * makes each group injectable on its own. docs/operations/configuration.md is generated from this tree
 * (ConfigurationReferenceTest). A new group: an interface in its package, a method here, a producer in
 * {@link ConfigGroups}.
 */
@ConfigMapping(prefix = "lead-handoff")
public interface LeadHandoffConfig {

    /** How long a request may take. */
    RequestConfig request();

    /** API keys and rate limits. */
    SecurityConfig security();

    /** The console's sign-in sessions. */
    ConsoleConfig console();

    /** The change feed. */
    EventsConfig events();

    /** Report aggregates. */
    ReportsConfig reports();

    /** Claims, leases and the expiry sweeper. */
    WorkConfig work();

    /** Group commit of single-lead intake and of feedback. */
    GroupCommitConfig groupCommit();

    /** How a replica starts: the database window, the schema at start. */
    StartupConfig startup();

    /** Lead-to-account matching. */
    AccountsConfig accounts();

    /** Outbound webhooks. */
    WebhookConfig webhooks();

    /**
     * The external base URL tools call, e.g. {@code https://leads.example.com}: HubSpot's v3 signature covers the
     * full URI, so behind a proxy that rewrites the host the service must know what HubSpot signed. Unset: the
     * request's own URL.
     */
    Optional<String> publicBaseUrl();
}
