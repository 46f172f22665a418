package io.leadhandoff.webhook;

import io.leadhandoff.common.Cursor;
import io.leadhandoff.common.Page;
import io.leadhandoff.common.Problem.FieldError;
import io.leadhandoff.common.ProblemException;
import io.leadhandoff.event.FeedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Failed attempts, dead letters and the replay queue of subscriptions, in the caller's transaction. */
@ApplicationScoped
class DeliveryLog {

    private final EntityManager em;

    DeliveryLog(EntityManager em) {
        this.em = em;
    }

    void attempt(String subscriptionId, String eventId, int attempt, Instant at, Outcome outcome) {
        em.createNativeQuery("insert into webhook_attempt (subscription_id, event_id, attempt, attempted_at, status_code, latency_ms, "
                        + "error, excerpt) values (:s, :e, :n, :at, :status, :latency, :error, :excerpt)")
                .setParameter("s", subscriptionId).setParameter("e", eventId).setParameter("n", attempt).setParameter("at", at)
                .setParameter("status", outcome.status()).setParameter("latency", outcome.latencyMs())
                .setParameter("error", Outcome.cap(outcome.error(), 190)).setParameter("excerpt", Outcome.cap(outcome.excerpt(), 990))
                .executeUpdate();
    }

    /** Records a dead letter (again, if a replayed dead letter failed once more). */
    void dead(String subscriptionId, FeedEvent event, String type, int attempts, Instant at) {
        em.createNativeQuery("delete from webhook_dead_letter where subscription_id = :s and event_id = :e")
                .setParameter("s", subscriptionId).setParameter("e", event.id()).executeUpdate();
        em.createNativeQuery("insert into webhook_dead_letter (subscription_id, event_id, seq, type, lead_id, dead_at, attempts) "
                        + "values (:s, :e, :seq, :type, :lead, :at, :n)")
                .setParameter("s", subscriptionId).setParameter("e", event.id()).setParameter("seq", event.position())
                .setParameter("type", type).setParameter("lead", event.leadId()).setParameter("at", at).setParameter("n", attempts)
                .executeUpdate();
    }

    /** Queues events for redelivery, skipping those already queued; returns how many were added. */
    int queue(String subscriptionId, List<Queued> events, Instant at) {
        @SuppressWarnings("unchecked")
        List<String> queued = em.createNativeQuery("select event_id from webhook_replay where subscription_id = :s")
                .setParameter("s", subscriptionId).getResultList();
        int added = 0;
        for (Queued q : events) {
            if (queued.contains(q.eventId())) {
                continue;
            }
            em.createNativeQuery("insert into webhook_replay (subscription_id, event_id, seq, requested_at) values (:s, :e, :seq, :at)")
                    .setParameter("s", subscriptionId).setParameter("e", q.eventId()).setParameter("seq", q.seq())
                    .setParameter("at", at).executeUpdate();
            added++;
        }
        return added;
    }

    /** An event to send again, at the feed position it had. */
    record Queued(long seq, String eventId) {
    }

    /** A queued replay: its row, and the event at the feed position it had. */
    record Replay(long id, long seq, String eventId) {
    }

    /** The next queued replay, lowest feed position first; null when none. */
    Replay nextReplay(String subscriptionId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, seq, event_id from webhook_replay where subscription_id = :s "
                + "order by seq, id limit 1").setParameter("s", subscriptionId).getResultList();
        return rows.stream().map(r -> new Replay(((Number) r[0]).longValue(), ((Number) r[1]).longValue(), (String) r[2]))
                .findFirst().orElse(null);
    }

    void dequeue(long replayId) {
        em.createNativeQuery("delete from webhook_replay where id = :id").setParameter("id", replayId).executeUpdate();
    }

    /** Dead letters not replayed yet, marked replayed at {@code at}. */
    List<Queued> takeDeadLetters(String subscriptionId, int limit, Instant at) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select seq, event_id from webhook_dead_letter where subscription_id = :s "
                + "and replayed_at is null order by seq limit " + (limit + 1)).setParameter("s", subscriptionId).getResultList();
        if (rows.size() > limit) {
            throw ProblemException.validation(List.of(FieldError.atPointer("/deadLetters",
                    "more than " + limit + " dead letters; replay them by time range, in parts")));
        }
        em.createNativeQuery("update webhook_dead_letter set replayed_at = :at where subscription_id = :s and replayed_at is null")
                .setParameter("s", subscriptionId).setParameter("at", at).executeUpdate();
        return rows.stream().map(r -> new Queued(((Number) r[0]).longValue(), (String) r[1])).toList();
    }

    Page<WebhookViews.DeadLetterView> deadLetters(String subscriptionId, String cursor, int limit) {
        String after = Cursor.decode(cursor);
        long from = after == null ? 0 : parse(after);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, event_id, type, lead_id, dead_at, replayed_at from webhook_dead_letter "
                        + "where subscription_id = :s and id > :after order by id limit " + (limit + 1))
                .setParameter("s", subscriptionId).setParameter("after", from).getResultList();
        List<DeadRow> dead = rows.stream().map(r -> new DeadRow(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3],
                FeedReader.instant(r[4]), r[5] == null ? null : FeedReader.instant(r[5]))).toList();
        return Page.of(dead, limit, d -> Long.toString(d.id()), d -> new WebhookViews.DeadLetterView(d.eventId(), d.type(), d.leadId(),
                d.deadAt(), d.replayedAt(), attempts(subscriptionId, d.eventId())));
    }

    /** One row of {@code webhook_dead_letter}. */
    private record DeadRow(long id, String eventId, String type, String leadId, Instant deadAt, Instant replayedAt) {
    }

    private List<WebhookViews.AttemptView> attempts(String subscriptionId, String eventId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select attempt, attempted_at, status_code, latency_ms, error, excerpt from webhook_attempt "
                        + "where subscription_id = :s and event_id = :e order by id")
                .setParameter("s", subscriptionId).setParameter("e", eventId).getResultList();
        List<WebhookViews.AttemptView> out = new ArrayList<>();
        for (Object[] r : rows) {
            out.add(new WebhookViews.AttemptView(((Number) r[0]).intValue(), FeedReader.instant(r[1]),
                    r[2] == null ? null : ((Number) r[2]).intValue(), ((Number) r[3]).longValue(), (String) r[4], (String) r[5]));
        }
        return out;
    }

    /** The latest failed attempts of a subscription, newest first. */
    List<WritebackViews.Failure> recentFailures(String subscriptionId, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select event_id, attempt, attempted_at, status_code, error, excerpt from webhook_attempt "
                + "where subscription_id = :s order by id desc limit " + limit).setParameter("s", subscriptionId).getResultList();
        return rows.stream().map(r -> new WritebackViews.Failure((String) r[0], ((Number) r[1]).intValue(), FeedReader.instant(r[2]),
                r[3] == null ? null : ((Number) r[3]).intValue(), (String) r[4], (String) r[5])).toList();
    }

    /** Failed attempts older than {@code before} of events no longer dead letters: nothing shows them any more. */
    int purge(Instant before) {
        return em.createNativeQuery("delete from webhook_attempt where attempted_at < :before and not exists (select 1 from "
                + "webhook_dead_letter d where d.subscription_id = webhook_attempt.subscription_id and d.event_id = webhook_attempt.event_id)")
                .setParameter("before", before).executeUpdate();
    }

    private static long parse(String position) {
        try {
            return Long.parseLong(position);
        } catch (NumberFormatException e) {
            throw ProblemException.invalidParameter("cursor", "is not a cursor returned by this API");
        }
    }
}
