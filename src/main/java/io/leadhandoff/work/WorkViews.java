package io.leadhandoff.work;

import io.leadhandoff.common.Identifiers;
import io.leadhandoff.lead.LeadView;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response records of claims and leases. */
public final class WorkViews {

    private WorkViews() {
    }

    @Schema(name = "ClaimRequest")
    public record ClaimRequest(
            @Schema(description = "The claiming rep; must be a member of the queue", examples = "rep-042") @NotBlank @Size(max = 128) @jakarta.validation.constraints.Pattern(regexp = Identifiers.REP_ID, message = Identifiers.REP_ID_MESSAGE) String repId,
            @Schema(description = "How many leads, 1–50", examples = "5") @NotNull @Min(1) @Max(50) Integer count,
            @Schema(description = "Lease length, 30 s – 24 h; default: the queue's", examples = "600") @Min(30) @Max(86_400) Integer leaseSeconds) {
    }

    @Schema(name = "ClaimedLead")
    public record Claimed(
            @Schema(description = "Fencing token: required to release, extend or give feedback while the lease holds", examples = "bGVhc2UtdG9rZW4tZXhhbXBsZQ")
            String leaseToken,
            @Schema(description = "When the lease ends (UTC), on a whole second (the requested length rounded up); afterwards the lead is claimable again") Instant leaseExpiresAt,
            LeadView lead) {
    }

    @Schema(name = "ClaimResult")
    public record ClaimResult(@Schema(description = "Best first: the rep's own assignments, then highest score, then oldest") List<Claimed> claimed) {
    }

    @Schema(name = "ReleaseRequest")
    public record ReleaseRequest(@Schema(examples = "bGVhc2UtdG9rZW4tZXhhbXBsZQ") @NotBlank @Size(max = 64) String leaseToken) {
    }

    @Schema(name = "LeaseExtension")
    public record ExtendRequest(
            @Schema(examples = "bGVhc2UtdG9rZW4tZXhhbXBsZQ") @NotBlank @Size(max = 64) String leaseToken,
            @Schema(description = "New lease length from now, 30 s – 24 h", examples = "900") @NotNull @Min(30) @Max(86_400) Integer leaseSeconds) {
    }
}
