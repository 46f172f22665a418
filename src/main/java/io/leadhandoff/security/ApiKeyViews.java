package io.leadhandoff.security;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response records of API keys. */
public final class ApiKeyViews {

    private ApiKeyViews() {
    }

    @Schema(name = "ApiKeyRequest")
    public record KeyRequest(
            @Schema(description = "What the key is for", examples = "SDR dialer (EMEA)") @NotBlank @Size(max = 100) String name,
            @Schema(description = "leads:write, leads:read, work, feedback:write, reports:read, events:read, admin (admin includes all)",
                    examples = "[\"work\", \"feedback:write\"]")
            @NotEmpty @Size(max = 7) List<@NotBlank @Pattern(regexp = "leads:write|leads:read|work|feedback:write|reports:read|events:read|admin",
                    message = "must be one of leads:write, leads:read, work, feedback:write, reports:read, events:read, admin") String> scopes,
            @Schema(description = "Limit the key to these queues: leads, claims, feedback, events and report rows of other queues are invisible to it (404, or 403 "
                            + "for a report that cannot be split by queue). Only with work, feedback:write, leads:read, reports:read and events:read; "
                            + "must be among the creating key's queues when that key is limited. Each item is the id of an existing queue as the queue spells it "
                            + "(lower-case; no lists, wildcards or paths: 422 pointing at the item). Omit for every queue.",
                    examples = "[\"enterprise-emea\"]")
            @Size(min = 1, max = 50) List<@NotBlank @Size(max = 64) String> queues,
            @Schema(description = "Average requests per second on each replica (default from configuration); at most the creating key's", examples = "20")
            @Min(1) @Max(100_000) Integer ratePerSecond,
            @Schema(description = "Requests allowed at once; at most the creating key's. Default: twice ratePerSecond (at least 1) when that is set, else from configuration", examples = "40")
            @Min(1) @Max(100_000) Integer burst) {
    }

    @Schema(name = "ApiKey")
    public record KeyView(
            @Schema(examples = "01JDX3Q6ZK8M3T2W9R4B7N5C1F") String id,
            @Schema(description = "The visible start of the key, to recognise it", examples = "lh_k7m2x9q4pa") String prefix,
            String name, List<String> scopes,
            @Schema(description = "Queues the key is limited to; absent for every queue") List<String> queues,
            int ratePerSecond, int burst, String createdBy, Instant createdAt,
            Instant revokedAt) {
    }

    @Schema(name = "CreatedApiKey")
    public record CreatedKey(
            @Schema(description = "The key, shown this once: store it now; only its hash is kept",
                    examples = "lh_k7m2x9q4pa_3vq8s2m7c4x9z6t5r2p8n4k7w3e6y9u2") String key,
            KeyView apiKey) {
    }
}
