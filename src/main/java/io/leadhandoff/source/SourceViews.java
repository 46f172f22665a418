package io.leadhandoff.source;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response records of sources. */
public final class SourceViews {

    private SourceViews() {
    }

    @Schema(name = "SourceRequest")
    public record SourceRequest(
            @Schema(description = "Source id: lower-case letters, digits and dashes (POST only; it is part of the webhook URL)", examples = "hubspot-main")
            @Size(max = 64) @Pattern(regexp = "[a-z0-9][a-z0-9-]*", message = "must be lower-case letters, digits and dashes") String id,
            @Schema(description = "hubspot, marketo, mautic, pardot, standard-webhooks or generic", examples = "hubspot") @NotNull SourceKind kind,
            @Schema(examples = "HubSpot production portal") @NotBlank @Size(max = 200) String name,
            @Schema(description = "One secret, or two while rotating (both are accepted). HubSpot: the app's client secret; Mautic: the "
                    + "webhook secret; Standard Webhooks: `whsec_<base64>`; others: the shared secret the tool sends. At least 16 characters.",
                    examples = "[\"3c7e1f0a-5b2d-4d8e-9f61-7a2b8c4d5e6f\"]")
            @NotEmpty @Size(max = 2) List<@NotBlank @Size(min = 16, max = 200) String> secrets,
            @Schema(description = "Header carrying the shared secret (marketo, pardot, generic); default X-Lead-Handoff-Secret", examples = "X-Lead-Handoff-Secret")
            @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9-]+", message = "must be a header name") String secretHeader,
            @Schema(description = "pardot: form field that may carry the shared secret instead (Pardot cannot add headers); default lh_secret", examples = "lh_secret")
            @Size(max = 100) String secretField,
            @Schema(description = "generic only: shared-secret (default) or standard-webhooks", examples = "shared-secret")
            @Pattern(regexp = "shared-secret|standard-webhooks", message = "must be shared-secret or standard-webhooks") String auth,
            @Schema(description = "Lead field (dotted for nested, e.g. utm.campaign) → the tool's property name (hubspot, mautic, pardot: "
                    + "overrides the built-in names) or a JSON pointer into the body (marketo, standard-webhooks, generic; without a "
                    + "mapping the body must be the lead JSON of POST /leads)",
                    examples = "{\"email\": \"/contact/email\", \"firstName\": \"/contact/first\", \"campaign\": \"/utm/campaign\"}")
            @Size(max = 60) Map<@Pattern(regexp = "[A-Za-z.]{1,64}", message = "must be a lead field name") String,
                    @NotBlank @Size(max = 200) String> mapping,
            @Schema(description = "JSON pointer to the tool's own event id, used as the replay key; without it the body's SHA-256 is", examples = "/eventId")
            @Size(max = 200) @Pattern(regexp = "(/[^/]*)+", message = "must be a JSON pointer") String eventIdPointer,
            @Schema(description = "The `source` recorded on leads from here (reports group by it); default: the source id", examples = "hubspot")
            @Size(max = 64) String leadSource,
            @Schema(description = "Webhook requests per second on each replica (default: the per-key default); Marketo is never limited", examples = "20")
            @jakarta.validation.constraints.Min(1) @jakarta.validation.constraints.Max(100_000) Integer ratePerSecond,
            @Schema(description = "Requests allowed at once", examples = "40")
            @jakarta.validation.constraints.Min(1) @jakarta.validation.constraints.Max(100_000) Integer burst,
            @Schema(description = "hubspot only: accept requests signed with the v2 `X-HubSpot-Signature` alone (it has no timestamp, "
                    + "so a captured request stays valid; replays are caught by their event id only). Default false. A request "
                    + "carrying v3 headers is always verified by v3.", examples = "false")
            Boolean acceptV2Signatures) {
    }

    @Schema(name = "Source")
    public record SourceView(String id, SourceKind kind, String name,
                             @Schema(description = "Where the tool posts: POST this path") String webhookPath,
                             @Schema(description = "The last four characters of each active secret; secrets are never returned", examples = "[\"…5e6f\"]")
                             List<String> secretHints,
                             String secretHeader, String secretField, String auth, Map<String, String> mapping, String eventIdPointer,
                             String leadSource, Integer ratePerSecond, Integer burst,
                             @Schema(description = "hubspot only: whether v2-only signed requests are accepted")
                             Boolean acceptV2Signatures, Instant createdAt, Instant updatedAt) {
    }

    @Schema(name = "SourceEventResult")
    public record EventResult(
            @Schema(description = "The replay key of this event") String eventId,
            @Schema(description = "created, merged, updated, duplicate (already processed: nothing done), erased, not-found (an erasure "
                    + "for a contact no lead is known by), ignored or rejected",
                    examples = "created") String outcome,
            String leadId,
            @Schema(description = "Why an event was ignored") String note) {
    }

    @Schema(name = "SourceDelivery")
    public record Delivery(List<EventResult> results) {
    }
}
