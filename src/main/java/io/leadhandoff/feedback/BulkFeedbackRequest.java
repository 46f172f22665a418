package io.leadhandoff.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Up to 100 verdicts in one request; each is checked and applied on its own. */
@Schema(name = "BulkFeedbackRequest")
public record BulkFeedbackRequest(
        @Schema(description = "1 to 100 verdicts, applied in order per lead", implementation = Verdict[].class, minItems = 1, maxItems = 100)
        List<JsonNode> verdicts) {

    public static final int MAX_ITEMS = 100;

    /** One verdict of a bulk request: the fields of a single verdict plus the lead it is about. */
    @Schema(name = "BulkVerdict", allOf = {FeedbackRequest.class, LeadRef.class})
    public interface Verdict {
    }

    /** The lead a bulk verdict is about. */
    @Schema(name = "BulkVerdictLead")
    public record LeadRef(@Schema(description = "The lead the verdict is about", examples = "01JDB7T3V8Q5M4N2P1R0S9T8U7") @NotBlank String leadId) {
    }
}
