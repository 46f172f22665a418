package io.leadhandoff.webhook;

import io.leadhandoff.common.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/** {@code POST /webhooks/{id}/test}: one signed test event, sent now, no transaction open while the destination answers. */
@ApplicationScoped
class WebhookTester {

    private final WebhookService webhooks;
    private final Messages messages;
    private final Sender sender;
    private final Clock clock;

    WebhookTester(WebhookService webhooks, Messages messages, Sender sender, Clock clock) {
        this.webhooks = webhooks;
        this.messages = messages;
        this.sender = sender;
        this.clock = clock;
    }

    WebhookViews.TestResult test(String id) {
        WebhookSubscription s = webhooks.snapshot(id);
        Outcome o = sender.send(s.url, messages.test(s, Ids.next(), clock.instant()), s.signingSecrets(clock.instant()));
        return new WebhookViews.TestResult(o.delivered(), o.status(), o.latencyMs(), o.error(), o.excerpt());
    }
}
