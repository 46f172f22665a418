package io.leadhandoff.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Marketo (experienceleague.adobe.com, Marketo developer docs: "Authentication", "Leads", "Error Codes"):
 * <ul>
 * <li>token: {@code GET /identity/oauth/token?grant_type=client_credentials&client_id=…&client_secret=…} →
 * {@code {access_token, expires_in}}, sent as {@code Authorization: Bearer};</li>
 * <li>update: {@code POST /rest/v1/leads.json} with {@code {"action": "updateOnly", "lookupField": "id", "input": [{…}]}}
 * → HTTP 200 whatever happened: {@code success} false with {@code errors[].code} for the whole request, or per record
 * {@code result[].status} {@code updated} / {@code skipped} with {@code reasons[].code};</li>
 * <li>601 access token invalid, 602 expired: a new token, once, then the request again; 606 rate limit (100 calls per
 * 20 s), 615 concurrency limit: retried after 20 s; 607 daily quota: retried after midnight US Central time, when the
 * quota starts again; 604, 608, 611, 713: transient, retried on the schedule; 1004 lead not found: a recorded outcome,
 * not retried.</li>
 * </ul>
 * Each replica keeps the token of each write-back in memory.
 */
@Singleton
class MarketoChannel extends ToolChannel {

    static final Duration RATE_WINDOW = Duration.ofSeconds(20);
    private static final ZoneId QUOTA_ZONE = ZoneId.of("America/Chicago");
    private static final Set<String> TOKEN = Set.of("601", "602");
    private static final Set<String> TRANSIENT = Set.of("604", "608", "611", "713");

    private record Token(String value, Instant expiresAt) {
    }

    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    MarketoChannel(WritebackChanges changes, Sender sender, ObjectMapper mapper, Clock clock) {
        super(changes, sender, mapper, clock);
    }

    @Override
    Message request(String id, String type, WritebackChanges.Update update, WritebackSettings settings) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("id", numeric(update.externalId()));
        input.putAll(update.properties());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("action", "updateOnly");
        body.put("lookupField", "id");
        body.put("input", List.of(input));
        return new Message(id, type, json(body), "/rest/v1/leads.json");
    }

    @Override
    public Outcome send(Target target, Message message) {
        WritebackSettings settings = settings(target);
        Token token = tokens.get(target.subscriptionId());
        boolean refreshed = false;
        if (token == null || !clock.instant().isBefore(token.expiresAt())) {
            Sender.Reply got = token(target, settings);
            if (got != null) {
                return got.outcome();
            }
            refreshed = true;
        }
        while (true) {
            String bearer = tokens.get(target.subscriptionId()).value();
            Sender.Reply reply = sender.call(base(target) + message.path(), uri -> HttpRequest.newBuilder(uri)
                    .header("content-type", "application/json")
                .header("webhook-id", message.id())
                    .header("authorization", "Bearer " + bearer)
                    .POST(HttpRequest.BodyPublishers.ofString(message.body(), StandardCharsets.UTF_8)));
            Outcome o = reply.outcome();
            if (o.status() == null || o.status() != 200) {
                return o;
            }
            JsonNode answer = read(reply.body());
            if (answer == null) {
                return as(o, 502, "marketo: an answer that is not JSON", null);
            }
            if (!answer.path("success").asBoolean(false)) {
                String code = answer.path("errors").path(0).path("code").asText("");
                if (TOKEN.contains(code) && !refreshed) {
                    tokens.remove(target.subscriptionId());
                    Sender.Reply got = token(target, settings);
                    if (got != null) {
                        return got.outcome();
                    }
                    refreshed = true;
                    continue;
                }
                return error(o, code, answer.path("errors").path(0).path("message").asText(""));
            }
            JsonNode record = answer.path("result").path(0);
            String status = record.path("status").asText("");
            if ("updated".equals(status)) {
                return o;
            }
            String reason = record.path("reasons").path(0).path("code").asText("");
            String text = "marketo: lead " + status + " (" + reason + " " + record.path("reasons").path(0).path("message").asText("") + ")";
            return as(o, "1004".equals(reason) ? 404 : 422, text, null);
        }
    }

    /** A new token for this write-back, or the failed answer when there is none. */
    private Sender.Reply token(Target target, WritebackSettings settings) {
        String url = base(target) + "/identity/oauth/token?grant_type=client_credentials&client_id=" + segment(nz(settings.clientId()))
                + "&client_secret=" + segment(nz(settings.clientSecret()));
        Sender.Reply reply = sender.call(url, uri -> HttpRequest.newBuilder(uri).GET());
        Outcome o = reply.outcome();
        if (o.status() == null || o.status() != 200) {
            return new Sender.Reply(new Outcome(o.status(), o.latencyMs(), "marketo identity: " + (o.error() == null ? "no token" : o.error()),
                    o.excerpt(), o.retryAfter()), reply.body());
        }
        JsonNode answer = read(reply.body());
        String value = answer == null ? "" : answer.path("access_token").asText("");
        if (value.isEmpty()) {
            return new Sender.Reply(as(o, 502, "marketo identity: no access_token in the answer", null), reply.body());
        }
        long seconds = answer.path("expires_in").asLong(60);
        tokens.put(target.subscriptionId(), new Token(value, clock.instant().plusSeconds(Math.max(0, seconds - 5))));
        return null;
    }

    private Outcome error(Outcome o, String code, String message) {
        String text = "marketo " + code + ": " + Outcome.cap(message, 120);
        return switch (code) {
            case "606", "615" -> as(o, 429, text, RATE_WINDOW);
            case "607" -> as(o, 429, text, untilMidnight(QUOTA_ZONE));
            case "601", "602" -> as(o, 401, text, null);
            default -> TRANSIENT.contains(code) ? as(o, 503, text, null) : as(o, 400, text, null);
        };
    }

    private JsonNode read(String body) {
        try {
            return body == null ? null : mapper.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static Object numeric(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return id;
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
