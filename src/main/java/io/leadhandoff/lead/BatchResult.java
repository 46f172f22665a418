package io.leadhandoff.lead;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.leadhandoff.common.Problem;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One result per posted item, in the order posted. */
@Schema(name = "LeadBatchResult")
public record BatchResult(
        @Schema(description = "Counts by outcome") Summary summary,
        @Schema(description = "One result per item, in request order") List<Item> results) {

    @Schema(name = "LeadBatchSummary")
    public record Summary(int created, int merged, int updated, int rejected) {
    }

    /** The outcome of one item; {@code problem} only when it was rejected. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "LeadBatchItem")
    public record Item(
            @Schema(description = "Position of the item in the request, from 0", examples = "0") int index,
            @Schema(enumeration = {"created", "merged", "updated", "rejected"}, examples = "created") IntakeResult.Outcome outcome,
            @Schema(description = "The lead the item went to; absent when rejected", examples = "01JDB7T3V8Q5M4N2P1R0S9T8U7") String leadId,
            @Schema(description = "Status of that lead", examples = "received") LeadStatus status,
            @Schema(description = "Why the item was rejected; pointers are relative to the item") Problem problem) {
    }
}
