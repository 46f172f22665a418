package io.leadhandoff.lead;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Up to 1,000 leads in one request. Items are validated one by one. */
@Schema(name = "LeadBatchRequest")
public record BatchRequest(
        @Schema(description = "1 to 1,000 leads", implementation = LeadRequest[].class, maxItems = 1000, minItems = 1)
        List<JsonNode> leads) {

    public static final int MAX_ITEMS = 1000;
}
