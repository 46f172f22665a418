package io.leadhandoff.webhook;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response records of webhook subscriptions. */
public final class WebhookViews {

    static final String TYPES = "lead.created, lead.merged, lead.updated, lead.scored, lead.routed, lead.assigned, lead.disqualified, "
            + "lead.claimed, lead.released, lead.lease_extended, lead.lease_expired, lead.judged, lead.recycled, lead.sla_breached, "
            + "lead.escalated, lead.new_cycle, lead.erased, model.activated";

    private WebhookViews() {
    }

    @Schema(name = "WebhookRequest")
    public record WebhookRequest(
            @Schema(description = "Where events are POSTed: https (http only for a host in `lead-handoff.webhooks.allowed-hosts`). "
                    + "A host resolving to a loopback, private, link-local or metadata address is refused unless allowed.",
                    examples = "https://hooks.example.com/lead-handoff")
            @NotBlank @Size(max = 2048) String url,
            @Schema(description = "The event types wanted: " + TYPES, examples = "[\"lead.assigned\", \"lead.sla_breached\"]")
            @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 40) String> eventTypes,
            @Schema(description = "What the subscription is for", examples = "Ping the EMEA team channel", nullable = true)
            @Size(max = 500) String description,
            @Schema(description = "`standard` (Standard Webhooks JSON, the default) or `slack` (a message for a Slack incoming webhook)",
                    enumeration = {"standard", "slack"}, examples = "standard", nullable = true)
            @Pattern(regexp = "standard|slack", message = "must be standard or slack") String format,
            @Schema(description = "Only events of leads in these queues (the queue the lead was in when it happened)", examples = "[\"emea\"]", nullable = true)
            @Size(max = 50) List<@NotBlank @Size(max = 64) String> queues,
            @Schema(description = "Only events of leads from these sources", examples = "[\"hubspot\"]", nullable = true)
            @Size(max = 50) List<@NotBlank @Size(max = 64) String> sources,
            @Schema(description = "Only events of leads whose current score total is at least this", examples = "60", nullable = true)
            @Min(0) @Max(100) Integer minScore,
            @Schema(description = "Whether payloads carry the lead's personal data (names, email, phone, title, location, website, "
                    + "attributes) for the types that need it; default true. Operational types (lead.scored, lead.released, "
                    + "lead.lease_extended, lead.lease_expired, lead.sla_breached, lead.escalated) never do.", examples = "true", nullable = true)
            Boolean personalData) {
    }

    @Schema(name = "WebhookPatch", description = "The fields to change; absent fields stay as they are. An empty `queues` or `sources` list removes that filter.")
    public record WebhookPatch(
            @Schema(nullable = true) @Size(max = 2048) String url,
            @Schema(nullable = true) @Size(min = 1, max = 20) List<@NotBlank @Size(max = 40) String> eventTypes,
            @Schema(nullable = true) @Size(max = 500) String description,
            @Schema(enumeration = {"standard", "slack"}, nullable = true) @Pattern(regexp = "standard|slack", message = "must be standard or slack") String format,
            @Schema(nullable = true) @Size(max = 50) List<@NotBlank @Size(max = 64) String> queues,
            @Schema(nullable = true) @Size(max = 50) List<@NotBlank @Size(max = 64) String> sources,
            @Schema(nullable = true) @Min(0) @Max(100) Integer minScore,
            @Schema(nullable = true) Boolean personalData,
            @Schema(description = "`enabled` resumes delivery where it stopped (a disabled subscription's events wait, nothing is skipped); "
                    + "`disabled` pauses it", enumeration = {"enabled", "disabled"}, nullable = true)
            @Pattern(regexp = "enabled|disabled", message = "must be enabled or disabled") String status) {
    }

    @Schema(name = "Webhook")
    public record WebhookView(
            @Schema(examples = "01JE0XQ4M7K1Y3B8N5C2D6F9GH") String id,
            String url,
            @Schema(nullable = true) String description,
            @Schema(enumeration = {"standard", "slack"}) String format,
            List<String> eventTypes,
            @Schema(description = "Empty: every queue") List<String> queues,
            @Schema(description = "Empty: every source") List<String> sources,
            @Schema(nullable = true) Integer minScore,
            boolean personalData,
            @Schema(enumeration = {"enabled", "disabled"}) String status,
            @Schema(description = "Why it was disabled (automatically after failing for `lead-handoff.webhooks.disable-after`, or by an admin)", nullable = true)
            String disabledReason,
            @Schema(nullable = true) Instant disabledAt,
            @Schema(description = "Until when the previous secret still signs (after a rotation)", nullable = true) Instant previousSecretValidUntil,
            Instant createdAt,
            Instant updatedAt,
            WebhookHealth health) {
    }

    @Schema(name = "WebhookHealth", description = "How delivery is going")
    public record WebhookHealth(
            @Schema(enumeration = {"healthy", "retrying", "disabled"}) String state,
            @Schema(nullable = true) Instant lastSuccessAt,
            @Schema(nullable = true) Instant lastFailureAt,
            @Schema(description = "The last failure: HTTP status and answer excerpt, or the connection error", nullable = true) String lastFailure,
            @Schema(description = "Failing without a success since then", nullable = true) Instant failingSince,
            @Schema(description = "The event being retried, if any", nullable = true) String retryingEventId,
            @Schema(description = "Attempts made for the event being retried", examples = "0") int attempts,
            @Schema(nullable = true) Instant nextAttemptAt,
            @Schema(description = "Dead letters not yet replayed", examples = "0") long deadLetters,
            @Schema(description = "Events waiting to be redelivered by a replay", examples = "0") long replaysQueued,
            @Schema(description = "Age of the oldest event not yet delivered (0 when caught up)", examples = "0") long backlogAgeSeconds) {
    }

    @Schema(name = "CreatedWebhook")
    public record CreatedWebhook(
            WebhookView webhook,
            @Schema(description = "The signing secret, shown this once (`whsec_` + base64 of 32 bytes)", examples = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") String secret) {
    }

    @Schema(name = "WebhookRotation")
    public record RotationRequest(
            @Schema(description = "How long the previous secret keeps signing (both signatures are sent), 0–604800 s; default `lead-handoff.webhooks.rotation-overlap` (24 h)",
                    examples = "86400", nullable = true)
            @Min(0) @Max(604_800) Integer overlapSeconds) {
    }

    @Schema(name = "RotatedSecret")
    public record RotatedSecret(
            @Schema(description = "The new signing secret, shown this once") String secret,
            @Schema(description = "Until then deliveries carry both signatures, the new one first", nullable = true) Instant previousSecretValidUntil) {
    }

    @Schema(name = "WebhookReplayRequest", description = "Either `deadLetters: true`, or a time range (`from` inclusive, `to` exclusive) of events to send again.")
    public record ReplayRequest(
            @Schema(description = "Redeliver every dead letter not yet replayed", nullable = true) Boolean deadLetters,
            @Schema(description = "Events that happened at or after this instant (UTC)", nullable = true) Instant from,
            @Schema(description = "Events that happened before this instant (UTC)", nullable = true) Instant to) {
    }

    @Schema(name = "WebhookReplay")
    public record ReplayAnswer(@Schema(description = "Events queued for redelivery (with their original `webhook-id`), in feed order", examples = "3") int queued) {
    }

    @Schema(name = "WebhookAttempt")
    public record AttemptView(
            @Schema(examples = "1") int attempt,
            Instant at,
            @Schema(description = "HTTP status; null when there was no answer", nullable = true) Integer status,
            @Schema(examples = "120") long latencyMs,
            @Schema(description = "Timeout, connection error or refusal, when there was no answer", nullable = true) String error,
            @Schema(description = "The start of the answer's body (at most 500 characters)", nullable = true) String excerpt) {
    }

    @Schema(name = "WebhookDeadLetter")
    public record DeadLetterView(
            String eventId,
            @Schema(examples = "lead.assigned") String type,
            String leadId,
            Instant deadAt,
            @Schema(nullable = true) Instant replayedAt,
            List<AttemptView> attempts) {
    }

    @Schema(name = "WebhookTestResult")
    public record TestResult(
            @Schema(description = "Whether the destination answered 2xx") boolean delivered,
            @Schema(nullable = true) Integer status,
            long latencyMs,
            @Schema(nullable = true) String error,
            @Schema(description = "The start of the answer's body", nullable = true) String excerpt) {
    }
}
