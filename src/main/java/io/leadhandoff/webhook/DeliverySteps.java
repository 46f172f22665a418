package io.leadhandoff.webhook;

import io.leadhandoff.event.FeedEvent;
import io.leadhandoff.write.WritePath;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The database side of delivery, each step its own short transaction (no transaction is open while a destination is
 * called): take subscriptions' leases, find the next item to send, record what the destination said. Every write is
 * fenced by the lease: a replica that lost it (it stalled past the lease) changes nothing, and the new holder sends
 * the item again with the same {@code webhook-id}.
 */
@ApplicationScoped
class DeliverySteps {

    /** Feed rows read per query when looking for the next wanted event. */
    static final int SCAN = 200;
    private static final int MAX_SCANS = 20;

    /** What to send next for a subscription. */
    record Step(FeedEvent event, Long replayId, Message message, Channel.Target target, int attemptsBefore) {
    }

    /**
     * What to send next for a subscription, in order. {@code tail}: once every step is delivered, the cursor may move on
     * to this position (events the subscription does not want, read after the last step); 0 when none.
     */
    record Batch(List<Step> steps, long tail) {
        static Batch of(Step step) {
            return new Batch(List.of(step), 0);
        }
    }

    /** Whether to go on with the subscription's next items, and what became of each item sent (delivered, failed, dead). */
    record Recorded(boolean goOn, List<String> outcomes) {
    }

    private final EntityManager em;
    private final Clock clock;
    private final FeedReader feed;
    private final DeliveryLog log;
    private final Channels channels;
    private final RetryPolicy retries;
    private final WebhookConfig config;

    /** The most one step of this job may take. */
    private static final Duration STEP = Duration.ofSeconds(30);
    private final WritePath writes;
    private final TransactionLeadViews leadViews;

    DeliverySteps(EntityManager em, Clock clock, FeedReader feed, DeliveryLog log, Channels channels, RetryPolicy retries,
                  WebhookConfig config, WritePath writes, TransactionLeadViews leadViews) {
        this.leadViews = leadViews;
        this.writes = writes;
        this.em = em;
        this.clock = clock;
        this.feed = feed;
        this.log = log;
        this.channels = channels;
        this.retries = retries;
        this.config = config;
    }

    /** Takes the lease of up to {@code limit} enabled subscriptions that have something due and no other live holder. */
    List<String> claim(String me, int limit, Set<String> busy) {
        return writes.job(STEP, () -> {
            Instant now = clock.instant();
            @SuppressWarnings("unchecked")
            List<String> ids = em.createNativeQuery("select id from webhook_subscription where status = 'enabled' "
                            + "and (head_next_at is null or head_next_at <= :now) "
                            + "and (lease_owner is null or lease_owner = :me or lease_until < :now) "
                            + "order by lease_until, id limit " + (limit + busy.size()) + " for update skip locked")
                    .setParameter("now", now).setParameter("me", me).getResultList();
            List<String> mine = ids.stream().filter(id -> !busy.contains(id)).limit(limit).toList();
            if (!mine.isEmpty()) {
                em.createNativeQuery("update webhook_subscription set lease_owner = :me, lease_until = :until where id in (:ids)")
                        .setParameter("me", me).setParameter("until", now.plus(config.lease())).setParameter("ids", mine)
                        .executeUpdate();
            }
            return mine;
        });
    }

    /** Gives the lease back, so that any replica may take the subscription on its next pass. */
    void release(String id, String me) {
        writes.job(STEP, () -> em.createNativeQuery("update webhook_subscription set lease_owner = null, "
                + "lease_until = null where id = :id and lease_owner = :me").setParameter("id", id).setParameter("me", me).executeUpdate());
    }

    /**
     * The next items to send: the event being retried when its time has come, or else the first queued replay (each
     * alone), else up to {@code max} of the cursor's next wanted events, in feed order. Events the subscription does
     * not want move the cursor on without a request. Null when nothing is due (or the lease is gone).
     */
    Batch next(String id, String me, int max) {
        return writes.job(STEP, () -> {
            WebhookSubscription s = locked(id);
            if (s == null || !s.enabled() || !me.equals(s.leaseOwner)) {
                return null;
            }
            Instant now = clock.instant();
            List<Step> steps = new ArrayList<>();
            long read = s.position;
            long tail = 0;
            for (int scans = 0; scans < MAX_SCANS; scans++) {
                if (s.headEventId != null) {
                    if (s.headNextAt != null && s.headNextAt.isAfter(now)) {
                        return null;
                    }
                    Step step = step(s, feed.byId(s.headEventId, s.headSeq), s.headReplayId, s.headAttempts, now);
                    if (step != null) {
                        return Batch.of(step);
                    }
                    done(s, s.headSeq, s.headReplayId); // no longer wanted (filters changed): nothing to retry
                    read = s.position;
                    continue;
                }
                DeliveryLog.Replay replay = log.nextReplay(s.id);
                if (replay != null) {
                    Step step = step(s, feed.byId(replay.eventId(), replay.seq()), replay.id(), 0, now);
                    if (step != null) {
                        return Batch.of(step);
                    }
                    log.dequeue(replay.id());
                    continue;
                }
                List<FeedEvent> rows = feed.after(read, EventTypes.feedTypes(s.eventTypeList()), SCAN);
                leadViews.prefetch(rows.stream().map(FeedEvent::leadId).toList());
                for (FeedEvent e : rows) {
                    read = e.position();
                    Step step = step(s, e, null, 0, now);
                    if (step != null) {
                        steps.add(step);
                        tail = 0;
                        if (steps.size() >= max) {
                            return new Batch(steps, 0);
                        }
                    } else if (steps.isEmpty()) {
                        s.position = e.position(); // nothing before it to send: the cursor moves on now
                    } else {
                        tail = e.position(); // after items not yet delivered: once they are
                    }
                }
                if (rows.size() < SCAN) {
                    break;
                }
            }
            // the rest of a long stretch of unwanted events on the next pass
            return steps.isEmpty() ? null : new Batch(steps, tail);
        });
    }

    private Step step(WebhookSubscription s, FeedEvent event, Long replayId, int attempts, Instant now) {
        Message message = event == null ? null : channels.of(s.format).build(s, event);
        return message == null ? null : new Step(event, replayId, message,
                new Channel.Target(s.id, s.format, s.url, s.signingSecrets(now), s.settings), attempts);
    }

    /**
     * Records the destinations' answers to the first {@code outcomes.size()} steps of {@code batch}, sent in order (a
     * batch is sent up to its first failure). Delivered: the cursor (or the replay queue) moves on. Failed: the attempt
     * is kept and the item is retried after the schedule's wait, or becomes a dead letter; a subscription failing for
     * longer than {@code disable-after} is disabled. Nothing changes when the lease was lost meanwhile.
     */
    Recorded record(String id, String me, Batch batch, List<Outcome> outcomes) {
        return writes.job(STEP, () -> {
            WebhookSubscription s = locked(id);
            List<String> recorded = new ArrayList<>();
            if (s == null || !me.equals(s.leaseOwner)) {
                outcomes.forEach(o -> recorded.add("lease_lost"));
                return new Recorded(false, recorded);
            }
            Instant now = clock.instant();
            s.leaseUntil = now.plus(config.lease());
            for (int i = 0; i < outcomes.size(); i++) {
                Step step = batch.steps().get(i);
                Outcome outcome = outcomes.get(i);
                if (outcome.delivered()) {
                    s.lastSuccessAt = now;
                    s.failingSince = null;
                    done(s, step.event().position(), step.replayId());
                    recorded.add("delivered");
                    continue;
                }
                boolean goOn = failed(s, step, outcome, now);
                recorded.add(s.headEventId == null ? "dead" : "failed");
                return new Recorded(goOn, recorded);
            }
            if (outcomes.size() == batch.steps().size() && batch.tail() > s.position) {
                s.position = batch.tail();
            }
            return new Recorded(true, recorded);
        });
    }

    /** A failed attempt: kept, and retried after the schedule's wait or dead-lettered; true when the next item may go. */
    private boolean failed(WebhookSubscription s, Step step, Outcome outcome, Instant now) {
        int attempts = step.attemptsBefore() + 1;
        log.attempt(s.id, step.event().id(), attempts, now, outcome);
        s.lastFailureAt = now;
        s.lastFailure = Outcome.cap(outcome.summary(), 490);
        if (s.failingSince == null) {
            s.failingSince = now;
        }
        Duration wait = retries.next(attempts, outcome);
        boolean disable = !now.isBefore(s.failingSince.plus(config.disableAfter()));
        if (wait == null) {
            log.dead(s.id, step.event(), step.message().type(), attempts, now);
            done(s, step.event().position(), step.replayId());
        } else {
            s.headSeq = step.event().position();
            s.headEventId = step.event().id();
            s.headReplayId = step.replayId();
            s.headAttempts = attempts;
            s.headNextAt = now.plus(wait);
        }
        if (disable) {
            s.status = WebhookSubscription.DISABLED;
            s.disabledAt = now;
            s.disabledReason = Outcome.cap("failing since " + s.failingSince + " (longer than " + config.disableAfter()
                    + "); last failure: " + outcome.summary(), 490);
        }
        return wait == null && !disable;
    }

    /**
     * The subscription, its row locked for this transaction. A native lock: Hibernate's MySQL 8 dialect writes
     * {@code for update of <alias>}, which MariaDB does not accept.
     */
    private WebhookSubscription locked(String id) {
        if (em.createNativeQuery("select id from webhook_subscription where id = :id for update").setParameter("id", id)
                .getResultList().isEmpty()) {
            return null;
        }
        return em.find(WebhookSubscription.class, id);
    }

    /** The item is handled: a replay leaves the queue, a feed event moves the cursor past it. */
    private void done(WebhookSubscription s, Long seq, Long replayId) {
        if (replayId != null) {
            log.dequeue(replayId);
        } else if (seq != null && seq > s.position) {
            s.position = seq;
        }
        s.clearHead();
    }

    /** The age of a subscription's oldest waiting event, for the backlog gauge. */
    Duration backlogAge(String id, WebhookHealthReader health) {
        return writes.job(STEP, () -> {
            WebhookSubscription s = em.find(WebhookSubscription.class, id);
            return s == null ? Duration.ZERO : health.backlogAge(s, clock.instant());
        });
    }
}
