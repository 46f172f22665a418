package io.leadhandoff.feedback;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.leadhandoff.common.Problem;
import io.leadhandoff.lead.LeadStatus;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One result per verdict, in the order posted. */
@Schema(name = "BulkFeedbackResult")
public record BulkFeedbackResult(
        @Schema(description = "How many verdicts were applied and how many refused") Summary summary,
        @Schema(description = "One result per verdict, in request order") List<Item> results) {

    @Schema(name = "BulkFeedbackSummary")
    public record Summary(int applied, int refused) {
    }

    /** What became of one verdict; {@code problem} only when it was refused. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "BulkFeedbackItem")
    public record Item(
            @Schema(description = "Position of the verdict in the request, from 0", examples = "0") int index,
            @Schema(description = "The lead the verdict was about, as sent", examples = "01JDB7T3V8Q5M4N2P1R0S9T8U7") String leadId,
            @Schema(description = "The status the verdict would have been answered with on its own: 200 applied; 404, 409, 422 "
                    + "refused (see problem)", examples = "200") int status,
            @Schema(description = "The lead's status after the verdict; absent when refused", examples = "accepted") LeadStatus leadStatus,
            @Schema(description = "Why the verdict was refused, as the single-verdict operation would have said it; pointers "
                    + "are relative to the request body") Problem problem) {

        boolean applied() {
            return status == 200;
        }
    }
}
