package io.leadhandoff.lead;

import io.leadhandoff.common.StorableTime;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A marketing-qualified lead as a marketing tool posts it. Only {@code email} is required. Fields the
 * server owns (id, status, score, queue, owner, timestamps, derived fields) are refused with a 422.
 */
@Schema(name = "LeadRequest", description = "A lead as posted by a marketing tool. Only `email` is required; unknown and server-owned fields are rejected with a 422.")
public record LeadRequest(
        @Schema(description = "The lead's id in the sending tool; a repeat of (source, externalId) updates that lead", examples = "hs-contact-90211")
        @Size(max = 128) String externalId,
        @Schema(description = "The sending tool or channel", examples = "hubspot")
        @Size(max = 64) String source,
        @Schema(description = "Business email; trimmed and lower-cased on intake", required = true, examples = "Ada.Lovelace@Analytical-Engines.example")
        @NotBlank(message = "is required") @Size(max = 254) @EmailAddress
        String email,
        @Schema(examples = "Ada") @Size(max = 100) String firstName,
        @Schema(examples = "Lovelace") @Size(max = 100) String lastName,
        @Schema(examples = "Analytical Engines Ltd") @Size(max = 200) String company,
        @Schema(description = "Company website; used for the domain when the email is a free mailbox", examples = "https://www.analytical-engines.example")
        @Size(max = 500) String website,
        @Schema(examples = "VP Engineering") @Size(max = 200) String title,
        @Schema(description = "Any common notation; normalised to E.164 when it parses", examples = "+44 20 7946 0958")
        @Size(max = 64) String phone,
        @Schema(description = "ISO 3166 alpha-2 or alpha-3 code, or an English country name", examples = "United Kingdom")
        @Size(max = 100) String country,
        @Schema(examples = "England") @Size(max = 100) String region,
        @Schema(examples = "London") @Size(max = 100) String city,
        @Schema(examples = "Software") @Size(max = 100) String industry,
        @Schema(examples = "250") @PositiveOrZero @Max(value = 10_000_000, message = "must be at most 10000000")
        Integer employeeCount,
        @Schema(description = "Annual revenue in the reporting currency", examples = "25000000")
        @DecimalMin(value = "0", message = "must not be negative") @DecimalMax(value = "1000000000000000", message = "must be at most 10^15")
        @Digits(integer = 16, fraction = 2) BigDecimal annualRevenue,
        @Schema(description = "The campaign the lead came from; reports group by it", examples = "2026-q4-webinar")
        @Size(max = 200) String campaign,
        @Valid Utm utm,
        @Valid Consent consent,
        @Valid Activity activity,
        @Schema(description = "Any other scalar properties (at most 50 keys; keys up to 64 characters; values up to 500 characters)",
                examples = "{\"leadSource\": \"Webinar\", \"seats\": 25}")
        @Size(max = 50, message = "must have at most 50 keys")
        Map<@Size(min = 1, max = 64, message = "keys must be 1 to 64 characters") String,
                @ScalarAttribute Object> attributes) {

    /** UTM parameters of the visit that produced the lead. */
    @Schema(name = "Utm")
    public record Utm(
            @Schema(examples = "linkedin") @Size(max = 200) String source,
            @Schema(examples = "paid-social") @Size(max = 200) String medium,
            @Schema(examples = "q4-launch") @Size(max = 200) String campaign,
            @Size(max = 200) String term,
            @Size(max = 200) String content) {
    }

    /** Marketing consent as captured by the sending tool. */
    @Schema(name = "Consent")
    public record Consent(
            @Schema(examples = "true") Boolean marketing,
            @Schema(description = "When consent was given (UTC)", examples = "2026-11-20T10:15:00Z") @StorableTime Instant at) {
    }

    /** Engagement counters as reported by the sending tool. */
    @Schema(name = "Activity")
    public record Activity(
            @Schema(examples = "2") @PositiveOrZero @Max(1_000_000) Integer formSubmissions,
            @Schema(examples = "14") @PositiveOrZero @Max(1_000_000) Integer pageViews,
            @Schema(examples = "3") @PositiveOrZero @Max(1_000_000) Integer emailClicks,
            @Schema(examples = "1") @PositiveOrZero @Max(1_000_000) Integer webinarsAttended,
            @Schema(description = "Most recent activity (UTC)", examples = "2026-11-26T16:02:11Z") @StorableTime Instant lastActivityAt) {
    }
}
