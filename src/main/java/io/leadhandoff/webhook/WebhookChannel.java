package io.leadhandoff.webhook;

import io.leadhandoff.event.FeedEvent;
import jakarta.enterprise.context.ApplicationScoped;

/** The {@code standard} (Standard Webhooks) and {@code slack} formats: a signed POST to the subscription's URL. */
@ApplicationScoped
class WebhookChannel implements Channel {

    private final Messages messages;
    private final Sender sender;

    WebhookChannel(Messages messages, Sender sender) {
        this.messages = messages;
        this.sender = sender;
    }

    @Override
    public Message build(WebhookSubscription s, FeedEvent event) {
        return messages.build(s, event);
    }

    @Override
    public Outcome send(Target target, Message message) {
        return sender.send(target.url(), message, target.secrets());
    }
}
