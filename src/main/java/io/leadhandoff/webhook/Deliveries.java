package io.leadhandoff.webhook;

import io.leadhandoff.common.DatabaseFailures;
import io.leadhandoff.event.EventFeedService;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.logging.Logger;

/**
 * A delivery pass: this replica takes the lease of the subscriptions that have something due, and for each, on a
 * thread of its own, sends the next items one after the other in feed order, a batch at a time (up to {@code batch}
 * items read in one transaction, sent, and recorded in one), until caught up, an item fails or {@code events-per-pass}
 * were sent. A replica that dies mid-batch leaves the batch unrecorded: the next holder sends it again, with the same
 * {@code webhook-id}s. A failing item blocks the whole subscription
 * until delivered or dead-lettered: that keeps every lead's events in order, and the subscription's too.
 */
@ApplicationScoped
public class Deliveries {

    private static final Logger LOG = Logger.getLogger(Deliveries.class);

    /** This replica, as subscription leases name it. */
    private final String replica = "webhooks-" + UUID.randomUUID();
    private final DeliverySteps steps;
    private final Channels channels;
    private final EventFeedService feed;
    private final WebhookConfig config;
    private final WebhookMetrics metrics;
    private final WebhookHealthReader health;
    private final ExecutorService workers;
    /** Subscriptions this replica is delivering for right now (a pass started by a test beside the scheduled one). */
    private final Set<String> busy = ConcurrentHashMap.newKeySet();

    Deliveries(DeliverySteps steps, Channels channels, EventFeedService feed, WebhookConfig config, WebhookMetrics metrics,
               WebhookHealthReader health) {
        this.steps = steps;
        this.channels = channels;
        this.feed = feed;
        this.config = config;
        this.metrics = metrics;
        this.health = health;
        this.workers = Executors.newFixedThreadPool(Math.max(1, config.deliveryThreads()), r -> {
            Thread t = new Thread(r, "webhook-delivery");
            t.setDaemon(true);
            return t;
        });
        LOG.infof("Delivering webhooks as %s", replica);
    }

    /** Runs one pass and waits for it; returns how many requests were sent. */
    public int pass() {
        feed.sequenceIfLeader();
        List<String> mine = steps.claim(replica, Math.max(1, config.deliveryThreads()) * 4, busy);
        List<Future<Integer>> running = new ArrayList<>();
        for (String id : mine) {
            if (busy.add(id)) {
                running.add(workers.submit(() -> deliverFor(id)));
            }
        }
        int sent = 0;
        for (Future<Integer> f : running) {
            try {
                sent += f.get();
            } catch (ExecutionException e) {
                LOG.errorf("A webhook delivery stopped early: %s", causes(e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return sent;
    }

    private int deliverFor(String id) {
        int sent = 0;
        try {
            while (sent < config.eventsPerPass()) {
                DeliverySteps.Batch batch = steps.next(id, replica, Math.min(config.batch(), config.eventsPerPass() - sent));
                if (batch == null) {
                    break;
                }
                List<Outcome> outcomes = send(batch);
                sent += outcomes.size();
                DeliverySteps.Recorded recorded = steps.record(id, replica, batch, outcomes);
                for (int i = 0; i < outcomes.size(); i++) {
                    metrics.delivery(id, recorded.outcomes().get(i), outcomes.get(i).latencyMs());
                }
                if (!recorded.goOn()) {
                    break;
                }
            }
            metrics.backlog(id, steps.backlogAge(id, health));
            steps.release(id, replica);
        } catch (RuntimeException e) {
            if (!DatabaseFailures.unavailable(e) && !DatabaseFailures.race(e) && !DatabaseFailures.contended(e)) {
                throw e;
            }
            // the database is away: the lease runs out, and this or another replica sends the item again (same webhook-id)
            LOG.debugf("Webhook delivery for %s interrupted: %s", id, e.getClass().getSimpleName());
        } finally {
            busy.remove(id);
        }
        return sent;
    }

    /**
     * Sends a batch's items one after the other, in order, up to the first that is not delivered; stops early (the rest
     * goes in the next batch) once a third of the lease has passed, so that the lease is renewed in time.
     */
    private List<Outcome> send(DeliverySteps.Batch batch) {
        List<Outcome> outcomes = new ArrayList<>();
        long started = System.nanoTime();
        long budget = config.lease().toNanos() / 3;
        for (DeliverySteps.Step step : batch.steps()) {
            Outcome outcome = channels.of(step.target().format()).send(step.target(), step.message());
            outcomes.add(outcome);
            if (!outcome.delivered() || System.nanoTime() - started > budget) {
                break;
            }
        }
        return outcomes;
    }

    /** The exception classes of a failure (their messages may quote personal data from SQL). */
    private static String causes(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null && out.length() < 500; t = t.getCause()) {
            out.append(out.isEmpty() ? "" : " <- ").append(t.getClass().getName());
        }
        return out.toString();
    }

    void stop(@Observes ShutdownEvent event) {
        workers.shutdownNow();
    }
}
