package io.leadhandoff.webhook;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Requests and answers of {@code /api/v1/sources/{sourceId}/writeback}. */
public final class WritebackViews {

    private WritebackViews() {
    }

    @Schema(name = "WritebackRequest", description = "A source's write-back to its marketing tool (sources of kind hubspot, marketo, mautic). "
            + "Credentials are stored like source secrets: never answered back; leave them out to keep the stored ones.")
    public record WritebackRequest(
            @Schema(description = "Whether verdicts are written back (default true); `true` again resumes where it stopped", nullable = true) Boolean enabled,
            @Schema(description = "The tool's API base URL: HubSpot `https://api.hubapi.com`, Marketo `https://<munchkin-id>.mktorest.com`, "
                    + "Mautic your instance's URL. https; http only for hosts allowed by `lead-handoff.webhooks.allowed-hosts`",
                    examples = "https://api.hubapi.com") @Size(min = 1, max = 2048) String baseUrl,
            @Schema(description = "HubSpot: the private app's access token (scope crm.objects.contacts.write)", nullable = true) @Size(max = 500) String token,
            @Schema(description = "Marketo: the API user's client id", nullable = true) @Size(max = 200) String clientId,
            @Schema(description = "Marketo: the API user's client secret", nullable = true) @Size(max = 200) String clientSecret,
            @Schema(description = "Mautic: the API user (basic auth)", nullable = true) @Size(max = 200) String username,
            @Schema(description = "Mautic: its password", nullable = true) @Size(max = 200) String password,
            @Schema(description = "The tool's lead-status property; default `hs_lead_status` (HubSpot), `leadStatus` (Marketo), `lead_status` (Mautic)",
                    nullable = true) @Size(max = 100) String statusProperty,
            @Schema(description = "Overrides of the default status values, by step (ASSIGNED, CLAIMED, ACCEPTED, REJECTED, RECYCLED, CONVERTED, "
                    + "WON, LOST, NEW_CYCLE) or step and reason (`REJECTED:BAD_TIMING`); an empty value writes no status for that step",
                    examples = "{\"REJECTED:NO_BUDGET\": \"BAD_TIMING\"}", nullable = true) @Size(max = 100) Map<String, @Size(max = 100) String> statusMapping,
            @Schema(description = "More values to write: ours (repId, reason, score, grade, leadId, consoleUrl) → the tool's property",
                    examples = "{\"reason\": \"lh_rejection_reason\", \"score\": \"lh_score\"}", nullable = true) @Size(max = 20) Map<String, @Size(max = 100) String> fields,
            @Schema(description = "HubSpot: find the contact by this unique property instead of its id (`email`)", nullable = true)
            @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9_]+", message = "must be a property name") String idProperty) {
    }

    @Schema(name = "Writeback", description = "A source's write-back and how it is going")
    public record WritebackView(
            @Schema(examples = "hubspot-main") String sourceId,
            @Schema(enumeration = {"hubspot", "marketo", "mautic"}) String tool,
            @Schema(enumeration = {"enabled", "disabled"}) String status,
            @Schema(nullable = true) String disabledReason,
            String baseUrl,
            @Schema(description = "Which credentials are stored (never their values)") List<String> credentials,
            String statusProperty,
            @Schema(description = "The status value written per step (defaults with this source's overrides)") Map<String, String> statusMapping,
            Map<String, String> fields,
            @Schema(nullable = true) String idProperty,
            @Schema(description = "The event types written back") List<String> eventTypes,
            WebhookViews.WebhookHealth health,
            @Schema(description = "Events of the written types after the cursor, at most 10,000 counted (leads of other tools among them are skipped)",
                    examples = "0") long backlog,
            @Schema(description = "The latest failed attempts, newest first, with the tool's answer (capped)") List<Failure> recentFailures,
            Instant createdAt,
            Instant updatedAt) {
    }

    @Schema(name = "WritebackFailure")
    public record Failure(
            String eventId,
            @Schema(examples = "1") int attempt,
            Instant at,
            @Schema(description = "HTTP status, or the tool's error read as one (Marketo answers 200 with error codes)", nullable = true) Integer status,
            @Schema(description = "Timeout, connection error, or the tool's own error code and message", nullable = true) String error,
            @Schema(description = "The start of the tool's answer (at most 500 characters)", nullable = true) String excerpt) {
    }
}
