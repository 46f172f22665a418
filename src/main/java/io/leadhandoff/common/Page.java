package io.leadhandoff.common;

import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a keyset-paginated list. {@code nextCursor} is null on the last page. */
@Schema(hidden = true)
public record Page<T>(
        @Schema(description = "The items of this page, in list order") List<T> items,
        @Schema(description = "Pass as `cursor` to get the next page; absent on the last page")
        String nextCursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    /** Validates a {@code limit} query parameter: absent means the default; out of range is a 422. */
    public static int limit(Integer requested) {
        return limit(requested, DEFAULT_LIMIT, MAX_LIMIT);
    }

    public static int limit(Integer requested, int defaultLimit, int maxLimit) {
        if (requested == null) {
            return defaultLimit;
        }
        if (requested < 1 || requested > maxLimit) {
            throw ProblemException.invalidParameter("limit", "must be between 1 and " + maxLimit);
        }
        return requested;
    }

    /**
     * Builds a page from rows fetched with {@code limit + 1}: the extra row only tells that there is a
     * next page, and the cursor points after the last row actually returned.
     */
    public static <R, T> Page<T> of(List<R> rows, int limit, Function<R, String> position, Function<R, T> view) {
        boolean more = rows.size() > limit;
        List<R> shown = more ? rows.subList(0, limit) : rows;
        String next = more ? Cursor.encode(position.apply(shown.get(shown.size() - 1))) : null;
        return new Page<>(shown.stream().map(view).toList(), next);
    }
}
