package io.leadhandoff.webhook;

/**
 * One request as built: its stable id, type and body; for a write-back, also the path under the tool's base URL
 * (null for a webhook, which posts to its URL).
 */
record Message(String id, String type, String body, String path) {

    Message(String id, String type, String body) {
        this(id, type, body, null);
    }

    /** The {@code webhook-id} of an event for a subscription: the same on every attempt and replay. */
    static String id(String subscriptionId, String eventId) {
        return "msg_" + eventId + "_" + subscriptionId;
    }
}
