package io.leadhandoff.console;

import io.leadhandoff.common.Page;
import io.leadhandoff.webhook.WebhookService;
import io.leadhandoff.webhook.WebhookViews;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** The webhooks page (admin keys): each subscription's delivery health, as {@code GET /api/v1/webhooks} reports it. */
@ApplicationScoped
public class WebhooksPage {

    /** Subscriptions read at most; the page says so when there are more. */
    static final int MAX = 1_000;

    public record View(List<Row> rows, boolean cut) {
    }

    /** A subscription; {@code alert} says in words what needs attention (disabled, retrying, dead letters). */
    public record Row(String id, String description, String url, String format, String status, String state, String backlogAge,
                      String lastSuccess, String lastFailure, String deadLetters, String alert) {
    }

    private final WebhookService webhooks;

    public WebhooksPage(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    public View build() {
        List<Row> rows = new ArrayList<>();
        String cursor = null;
        do {
            Page<WebhookViews.WebhookView> page = webhooks.list(cursor, Page.MAX_LIMIT);
            page.items().forEach(w -> rows.add(row(w)));
            cursor = page.nextCursor();
        } while (cursor != null && rows.size() < MAX);
        return new View(rows, cursor != null);
    }

    private static Row row(WebhookViews.WebhookView w) {
        WebhookViews.WebhookHealth h = w.health();
        List<String> alerts = new ArrayList<>();
        if ("disabled".equals(w.status())) {
            alerts.add("disabled" + (w.disabledReason() == null ? "" : ": " + w.disabledReason()));
        } else if ("retrying".equals(h.state())) {
            alerts.add("retrying (" + h.attempts() + (h.attempts() == 1 ? " attempt" : " attempts") + ")");
        }
        if (h.deadLetters() > 0) {
            alerts.add(Fmt.count(h.deadLetters()) + (h.deadLetters() == 1 ? " dead letter" : " dead letters"));
        }
        return new Row(w.id(), w.description() == null ? Fmt.NONE : w.description(), w.url(), w.format(), w.status(), h.state(),
                h.backlogAgeSeconds() == 0 ? "caught up" : Fmt.duration((double) h.backlogAgeSeconds()), Fmt.time(h.lastSuccessAt()),
                h.lastFailure() == null ? Fmt.NONE : Fmt.time(h.lastFailureAt()) + ": " + h.lastFailure(),
                Fmt.count(h.deadLetters()), alerts.isEmpty() ? null : String.join("; ", alerts));
    }
}
