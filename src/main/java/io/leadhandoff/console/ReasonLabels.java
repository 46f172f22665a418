package io.leadhandoff.console;

import io.leadhandoff.common.Page;
import io.leadhandoff.feedback.FeedbackService;
import io.leadhandoff.feedback.ReasonViews;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;

/** Rejection reasons as people read them: the label of each code (built-in and the team's), read per page. */
@ApplicationScoped
public class ReasonLabels {

    private final FeedbackService feedback;

    public ReasonLabels(FeedbackService feedback) {
        this.feedback = feedback;
    }

    /** Code to label; a code without one maps to itself. */
    public Map<String, String> all() {
        Map<String, String> labels = new HashMap<>();
        String cursor = null;
        do {
            Page<ReasonViews.ReasonView> page = feedback.reasons(cursor, Page.MAX_LIMIT);
            page.items().forEach(r -> labels.put(r.code(), r.label() == null || r.label().isBlank() ? r.code() : r.label()));
            cursor = page.nextCursor();
        } while (cursor != null);
        return labels;
    }
}
