package io.leadhandoff.source;

import java.util.List;
import java.util.Map;

/**
 * How one source authenticates and maps, as stored (JSON) in {@code source.config}.
 *
 * @param secrets        one or two active secrets (two while rotating)
 * @param secretHeader   header carrying the shared secret (marketo, pardot, generic with shared-secret)
 * @param secretField    pardot: form field that may carry the shared secret instead of the header
 * @param auth           generic only: {@code shared-secret} or {@code standard-webhooks}
 * @param mapping        lead field → the tool's property name (hubspot, mautic, pardot) or a JSON pointer (others)
 * @param eventIdPointer JSON pointer to the tool's event id, where the body carries one
 * @param leadSource     the {@code source} recorded on leads from here (default: the source id)
 * @param ratePerSecond  rate limit of the webhook endpoint (default: the per-key default)
 * @param burst          requests allowed at once
 * @param acceptV2Signatures hubspot: whether requests signed with v2 only (no timestamp, so replayable) are accepted
 */
public record SourceSettings(List<String> secrets, String secretHeader, String secretField, String auth,
                             Map<String, String> mapping, String eventIdPointer, String leadSource,
                             Integer ratePerSecond, Integer burst, Boolean acceptV2Signatures) {

    public static final String DEFAULT_SECRET_HEADER = "X-Lead-Handoff-Secret";
    public static final String DEFAULT_SECRET_FIELD = "lh_secret";

    public String secretHeaderOrDefault() {
        return secretHeader == null ? DEFAULT_SECRET_HEADER : secretHeader;
    }

    public String secretFieldOrDefault() {
        return secretField == null ? DEFAULT_SECRET_FIELD : secretField;
    }

    public boolean standardWebhooksAuth(SourceKind kind) {
        return kind == SourceKind.STANDARD_WEBHOOKS || kind == SourceKind.GENERIC && "standard-webhooks".equals(auth);
    }

    public boolean acceptsV2Signatures() {
        return Boolean.TRUE.equals(acceptV2Signatures);
    }

    public Map<String, String> mappingOrEmpty() {
        return mapping == null ? Map.of() : mapping;
    }
}
