package io.leadhandoff.webhook;

import io.leadhandoff.write.Reads;

import io.leadhandoff.common.Page;
import io.leadhandoff.common.Problem.FieldError;
import io.leadhandoff.common.ProblemException;
import io.leadhandoff.event.FeedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Dead letters and replays of a subscription. */
@ApplicationScoped
public class ReplayService {

    private final WebhookService webhooks;
    private final DeliveryLog log;
    private final FeedReader feed;
    private final Clock clock;
    private final WebhookConfig config;

    private final Reads reads;

    ReplayService(WebhookService webhooks, DeliveryLog log, FeedReader feed, Clock clock, WebhookConfig config, Reads reads) {
        this.reads = reads;
        this.webhooks = webhooks;
        this.log = log;
        this.feed = feed;
        this.clock = clock;
        this.config = config;
    }

    /**
     * Queues events for redelivery with their original {@code webhook-id}: every dead letter not yet replayed, or the
     * events of the subscription's types that happened in a time range and were already handled (later ones are on
     * their way anyway). Replays go out before the cursor's next event, in feed order.
     */
    @Transactional(TxType.MANDATORY)
    public WebhookViews.ReplayAnswer replay(String id, WebhookViews.ReplayRequest request) {
        return replay(webhooks.find(id), request);
    }

    /** {@link #replay(String, WebhookViews.ReplayRequest)} for a subscription found by its owner (a source's write-back). */
    WebhookViews.ReplayAnswer replay(WebhookSubscription s, WebhookViews.ReplayRequest request) {
        boolean dead = Boolean.TRUE.equals(request.deadLetters());
        boolean range = request.from() != null || request.to() != null;
        if (dead == range) {
            throw ProblemException.validation(List.of(FieldError.atPointer("", "send either `deadLetters: true` or `from` and `to`")));
        }
        Instant now = clock.instant();
        List<DeliveryLog.Queued> events;
        if (dead) {
            events = log.takeDeadLetters(s.id, config.maxReplay(), now);
        } else {
            if (request.from() == null || request.to() == null || !request.from().isBefore(request.to())) {
                throw ProblemException.validation(List.of(FieldError.atPointer("/to", "needs `from` and `to`, `from` before `to`")));
            }
            List<FeedEvent> found = feed.between(request.from(), request.to(), s.position, EventTypes.feedTypes(s.eventTypeList()),
                    s.sourceList(), s.minScore, config.maxReplay() + 1);
            if (found.size() > config.maxReplay()) {
                throw ProblemException.validation(List.of(FieldError.atPointer("/to",
                        "more than " + config.maxReplay() + " events in this range; replay it in parts")));
            }
            events = found.stream().filter(e -> wanted(s, e)).map(e -> new DeliveryLog.Queued(e.position(), e.id())).toList();
        }
        return new WebhookViews.ReplayAnswer(log.queue(s.id, events, now));
    }

    /** The subscription's type and queue filters (sources and score are applied by the query). */
    private static boolean wanted(WebhookSubscription s, FeedEvent e) {
        return s.eventTypeList().contains(EventTypes.of(e.type(), e.detail()))
                && (s.queueList().isEmpty() || e.leadId() == null || e.queueId() != null && s.queueList().contains(e.queueId()));
    }

    public Page<WebhookViews.DeadLetterView> deadLetters(String id, String cursor, int limit) {
        return reads.call(() -> {
            webhooks.find(id);
            return log.deadLetters(id, cursor, limit);
        });
    }
}
