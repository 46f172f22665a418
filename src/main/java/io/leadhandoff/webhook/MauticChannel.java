package io.leadhandoff.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;

/**
 * Mautic: {@code PATCH /api/contacts/{id}/edit} with the fields to change as a JSON object, basic auth with an API
 * user (developer.mautic.org, REST API "Edit Contact": PATCH edits the given fields of an existing contact, 404 when it
 * does not exist; "Authorization: Basic auth" once enabled in the API settings). The status goes to a contact field
 * (default alias {@code lead_status}, a custom field the Mautic admin creates).
 */
@Singleton
class MauticChannel extends ToolChannel {

    MauticChannel(WritebackChanges changes, Sender sender, ObjectMapper mapper, Clock clock) {
        super(changes, sender, mapper, clock);
    }

    @Override
    Message request(String id, String type, WritebackChanges.Update update, WritebackSettings settings) {
        return new Message(id, type, json(update.properties()), "/api/contacts/" + segment(update.externalId()) + "/edit");
    }

    @Override
    public Outcome send(Target target, Message message) {
        WritebackSettings settings = settings(target);
        String basic = Base64.getEncoder().encodeToString((nz(settings.username()) + ":" + nz(settings.password()))
                .getBytes(StandardCharsets.UTF_8));
        return sender.call(base(target) + message.path(), uri -> HttpRequest.newBuilder(uri)
                .header("content-type", "application/json")
                .header("webhook-id", message.id())
                .header("authorization", "Basic " + basic)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(message.body(), StandardCharsets.UTF_8))).outcome();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
