package io.leadhandoff.event;

import io.leadhandoff.common.Page;
import io.leadhandoff.common.Params;
import io.leadhandoff.common.Problem;
import io.leadhandoff.common.ProblemMappers;
import io.leadhandoff.security.CurrentCaller;
import io.leadhandoff.security.Scope;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Events", description = "The change feed for tools that sync by pulling")
@SecurityRequirement(name = Scope.SCHEME, scopes = "events:read")
public class EventResource {

    static final int MAX_LIMIT = 1_000;

    private final EventFeedService feed;
    private final CurrentCaller caller;

    public EventResource(EventFeedService feed, CurrentCaller caller) {
        this.feed = feed;
        this.caller = caller;
    }

    @GET
    @Operation(operationId = "listEvents", summary = "Change feed",
            description = "Every lead event in commit order, across all replicas. Start without `after`, then always pass the last "
                    + "`nextCursor`: nothing is skipped or reordered, and a crashed client resumes where it stopped. `more: true` "
                    + "means fetch again now; otherwise poll every few seconds. Positions are kept for the configured retention "
                    + "(default 30 days); an older cursor is a 410 — resync from `GET /leads?updatedSince=`. A key limited to queues "
                    + "sees only events of leads in those queues. Unlike the other lists, a feed to poll rather than a result to page "
                    + "through: its cursor parameter is `after` (not `cursor`), `limit` is 1–1000 (default 100 rather than 1–200, "
                    + "default 50), and `nextCursor` is never null.")
    @APIResponse(responseCode = "200", description = "A page of events", content = @Content(schema = @Schema(implementation = FeedPage.class)))
    @APIResponse(responseCode = "410", description = "The cursor is older than the feed's retention", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Invalid cursor or limit", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public FeedPage list(
            @Parameter(description = "`nextCursor` of the previous page; omit to start at the oldest retained event") @QueryParam("after") String after,
            @Parameter(description = "Page size, 1–1000 (default 100)", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000", defaultValue = "100")) @QueryParam("limit") String limit) {
        return feed.page(after, Page.limit(Params.integer("limit", limit), 100, MAX_LIMIT), caller.get());
    }
}
