package io.leadhandoff.feedback;

import io.leadhandoff.common.Identifiers;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Sales' verdict on a lead. */
@Schema(name = "FeedbackRequest")
public record FeedbackRequest(
        @Schema(description = "ACCEPTED, REJECTED, RECYCLED, CONVERTED, WON or LOST", examples = "REJECTED") @NotNull Outcome outcome,
        @Schema(description = "Required for REJECTED, RECYCLED and LOST: a code from GET /api/v1/feedback/reasons", examples = "NO_BUDGET")
        @Size(max = 40) String reason,
        @Schema(description = "Free text for the record", examples = "Budget frozen until Q3") @Size(max = 2000) String note,
        @Schema(description = "The rep giving the feedback", examples = "rep-042") @Size(max = 128) @jakarta.validation.constraints.Pattern(regexp = Identifiers.REP_ID, message = Identifiers.REP_ID_MESSAGE) String repId,
        @Schema(description = "Required while the lead is claimed: the current lease token (feedback ends the lease)") @Size(max = 64) String leaseToken,
        @Schema(description = "CONVERTED: opportunity amount; WON: final deal amount", examples = "48000")
        @DecimalMin(value = "0", message = "must not be negative") @DecimalMax("1000000000000") @Digits(integer = 13, fraction = 2)
        BigDecimal amount) {
}
