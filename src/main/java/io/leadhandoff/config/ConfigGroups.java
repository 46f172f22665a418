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
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Each group of the configuration tree as a bean of its own, so a package injects the settings it owns without
 * depending on this package (which depends on all of them).
 */
@ApplicationScoped
public class ConfigGroups {

    private final LeadHandoffConfig config;

    public ConfigGroups(LeadHandoffConfig config) {
        this.config = config;
    }

    @Produces
    @Singleton
    RequestConfig request() {
        return config.request();
    }

    @Produces
    @Singleton
    SecurityConfig security() {
        return config.security();
    }

    @Produces
    @Singleton
    ConsoleConfig console() {
        return config.console();
    }

    @Produces
    @Singleton
    EventsConfig events() {
        return config.events();
    }

    @Produces
    @Singleton
    ReportsConfig reports() {
        return config.reports();
    }

    @Produces
    @Singleton
    WorkConfig work() {
        return config.work();
    }

    @Produces
    @Singleton
    GroupCommitConfig groupCommit() {
        return config.groupCommit();
    }

    @Produces
    @Singleton
    StartupConfig startup() {
        return config.startup();
    }

    @Produces
    @Singleton
    AccountsConfig accounts() {
        return config.accounts();
    }

    @Produces
    @Singleton
    WebhookConfig webhooks() {
        return config.webhooks();
    }
}
