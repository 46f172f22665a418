package io.leadhandoff.webhook;

import io.leadhandoff.event.FeedEvent;
import java.util.List;

/**
 * How one kind of destination is written to — a standard or Slack webhook, or a marketing tool's API for a source's
 * write-back: the request an event makes, and sending it. The delivery machinery around it (cursor, lease, retries,
 * dead letters, replay) is the same for every kind.
 */
interface Channel {

    /** The request for {@code event}, or null when the subscription does not want it. Runs in a transaction (reads the lead). */
    Message build(WebhookSubscription s, FeedEvent event);

    /** Sends {@code message}; never throws for what the destination did. No transaction is open. */
    Outcome send(Target target, Message message);

    /** Where and how a subscription delivers, read with its next item (no entity leaves the transaction). */
    record Target(String subscriptionId, String format, String url, List<String> secrets, String settings) {
    }
}
