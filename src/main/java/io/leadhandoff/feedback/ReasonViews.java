package io.leadhandoff.feedback;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Reason code requests and views. */
public final class ReasonViews {

    private ReasonViews() {
    }

    @Schema(name = "ReasonCodeRequest")
    public record ReasonRequest(
            @Schema(examples = "WRONG_REGION") @NotBlank @Size(max = 40)
            @Pattern(regexp = "[A-Z][A-Z0-9_]*", message = "must be upper-case letters, digits and underscores") String code,
            @Schema(examples = "Outside our sales regions") @NotBlank @Size(max = 100) String label,
            @Schema(description = "negative: about the lead itself (a bad lead when training); excluded: about timing or the rep (ignored by training)",
                    enumeration = {"negative", "excluded"}, examples = "negative")
            @NotNull @Pattern(regexp = "negative|excluded", message = "must be negative or excluded") String training) {
    }

    @Schema(name = "ReasonCode")
    public record ReasonView(String code, String label, String training, boolean builtIn) {
    }
}
