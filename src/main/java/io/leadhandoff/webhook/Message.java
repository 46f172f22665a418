package io.leadhandoff.webhook;

/** One webhook request as built: its stable id, type, the event's time (epoch seconds) and the body. */
record Message(String id, String type, String body) {

    /** The {@code webhook-id} of an event for a subscription: the same on every attempt and replay. */
    static String id(String subscriptionId, String eventId) {
        return "msg_" + eventId + "_" + subscriptionId;
    }
}
