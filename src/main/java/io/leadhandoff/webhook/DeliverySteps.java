package io.leadhandoff.webhook;

import io.leadhandoff.event.FeedEvent;
import io.leadhandoff.write.WritePath;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

    /** Whether to go on with the subscription's next item, and how old its backlog is. */
    record Recorded(boolean goOn, String outcome) {
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

    DeliverySteps(EntityManager em, Clock clock, FeedReader feed, DeliveryLog log, Channels channels, RetryPolicy retries,
                  WebhookConfig config, WritePath writes) {
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
     * The next item to send: the event being retried when its time has come, else the first queued replay, else the
     * cursor's next wanted event. Events the subscription does not want move the cursor on without a request. Null
     * when nothing is due (or the lease is gone).
     */
    Step next(String id, String me) {
        return writes.job(STEP, () -> {
            WebhookSubscription s = locked(id);
            if (s == null || !s.enabled() || !me.equals(s.leaseOwner)) {
                return null;
            }
            Instant now = clock.instant();
            for (int scans = 0; scans < MAX_SCANS; scans++) {
                if (s.headEventId != null) {
                    if (s.headNextAt != null && s.headNextAt.isAfter(now)) {
                        return null;
                    }
                    Step step = step(s, feed.byId(s.headEventId, s.headSeq), s.headReplayId, s.headAttempts, now);
                    if (step != null) {
                        return step;
                    }
                    done(s, s.headSeq, s.headReplayId); // no longer wanted (filters changed): nothing to retry
                    continue;
                }
                DeliveryLog.Replay replay = log.nextReplay(s.id);
                if (replay != null) {
                    Step step = step(s, feed.byId(replay.eventId(), replay.seq()), replay.id(), 0, now);
                    if (step != null) {
                        return step;
                    }
                    log.dequeue(replay.id());
                    continue;
                }
                List<FeedEvent> rows = feed.after(s.position, EventTypes.feedTypes(s.eventTypeList()), SCAN);
                for (FeedEvent e : rows) {
                    Step step = step(s, e, null, 0, now);
                    if (step != null) {
                        return step;
                    }
                    s.position = e.position();
                }
                if (rows.size() < SCAN) {
                    return null;
                }
            }
            return null; // the rest of a long stretch of unwanted events on the next pass
        });
    }

    private Step step(WebhookSubscription s, FeedEvent event, Long replayId, int attempts, Instant now) {
        Message message = event == null ? null : channels.of(s.format).build(s, event);
        return message == null ? null : new Step(event, replayId, message,
                new Channel.Target(s.id, s.format, s.url, s.signingSecrets(now), s.settings), attempts);
    }

    /**
     * Records the destination's answer to {@code step}. Delivered: the cursor (or the replay queue) moves on. Failed: the
     * attempt is kept and the item is retried after the schedule's wait, or becomes a dead letter; a subscription failing
     * for longer than {@code disable-after} is disabled. Nothing changes when the lease was lost meanwhile.
     */
    Recorded record(String id, String me, Step step, Outcome outcome) {
        return writes.job(STEP, () -> {
            WebhookSubscription s = locked(id);
            if (s == null || !me.equals(s.leaseOwner)) {
                return new Recorded(false, "lease_lost");
            }
            Instant now = clock.instant();
            s.leaseUntil = now.plus(config.lease());
            if (outcome.delivered()) {
                s.lastSuccessAt = now;
                s.failingSince = null;
                done(s, step.event().position(), step.replayId());
                return new Recorded(true, "delivered");
            }
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
            return new Recorded(wait == null && !disable, wait == null ? "dead" : "failed");
        });
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
