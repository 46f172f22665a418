package io.leadhandoff.event;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "FeedPage")
public record FeedPage(
        List<FeedEvent> items,
        @Schema(description = "Pass as `after` next time. Always set, also on an empty page: store it and poll with it")
        String nextCursor,
        @Schema(description = "True when more events are waiting right now: fetch again without pausing") boolean more) {
}
