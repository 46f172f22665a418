package io.leadhandoff.lead;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to posting one lead. */
@Schema(name = "IntakeResult")
public record IntakeResult(
        @Schema(description = "created: a new lead (or a new cycle of a closed lead's person); merged: a touch on an open lead with the same email; updated: a repeat of (source, externalId) of an open lead",
                enumeration = {"created", "merged", "updated"}, examples = "created") Outcome outcome,
        @Schema(description = "True when the post was merged into an existing open lead", examples = "false") boolean merged,
        LeadView lead) {

    /** What intake did with a posted lead. */
    @Schema(name = "IntakeOutcome")
    public enum Outcome {
        CREATED, MERGED, UPDATED, REJECTED;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
