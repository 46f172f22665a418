package io.leadhandoff.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Steady single-lead intake from several client threads, each lead with its own Idempotency-Key, retried with
 * that key (on another replica when one does not answer) until it is acknowledged or the load stops, and one
 * reader of the change feed, a report and the lead list. Records every attempt, so a test can check statuses,
 * durations and what was acknowledged.
 */
final class Load implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One HTTP attempt: status (or -1 with the exception's class), how long it took, when it started (ms since start). */
    record Attempt(String key, int instance, int status, String failure, long millis, long startedAt, boolean inFlightWhenSignalled) {
    }

    /** The answers of server errors other than 503, kept whole so that a failing run says what failed. */
    final ConcurrentLinkedQueue<String> serverErrors = new ConcurrentLinkedQueue<>();

    final String campaign = "fault-" + UUID.randomUUID().toString().substring(0, 8);
    final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    final Map<String, String> emails = new ConcurrentHashMap<>();
    final ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();
    private final List<AppInstance> instances;
    private final String adminKey;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService clients;
    private final long start = System.nanoTime();
    private volatile long signalledAt = Long.MAX_VALUE;

    Load(List<AppInstance> instances, String adminKey, int threads) {
        this.instances = instances;
        this.adminKey = adminKey;
        this.clients = Executors.newFixedThreadPool(threads + 1);
        for (int t = 0; t < threads; t++) {
            int offset = t;
            clients.submit(() -> run(offset));
        }
        clients.submit(this::read);
    }

    /** What a syncing client and a dashboard do meanwhile: read the change feed and a report. */
    private void read() {
        String[] paths = {"/api/v1/events?limit=100", "/api/v1/reports/funnel", "/api/v1/leads?limit=20"};
        int n = 0;
        while (running.get()) {
            int which = Math.floorMod(n, instances.size());
            String path = paths[Math.floorMod(n++, paths.length)];
            long t0 = System.nanoTime();
            boolean before = t0 < signalledAt;
            try {
                HttpResponse<String> r = AppInstance.HTTP.send(HttpRequest.newBuilder(instances.get(which).uri(path))
                        .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + adminKey).build(),
                        HttpResponse.BodyHandlers.ofString());
                record("read " + path, which, r.statusCode(), null, t0, before);
                keepServerError("GET " + path, which, r);
            } catch (ConnectException e) {
                record("read " + path, which, -1, "refused", t0, before);
            } catch (HttpTimeoutException e) {
                record("read " + path, which, -1, "timeout", t0, before);
            } catch (IOException e) {
                record("read " + path, which, -1, "reset", t0, before);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            sleep(250);
        }
    }

    /** Marks the moment a fault was injected: attempts running then are flagged. */
    void signalled() {
        signalledAt = System.nanoTime();
    }

    private void run(int offset) {
        int n = offset;
        while (running.get()) {
            String key = "fault-" + UUID.randomUUID();
            String email = key.substring(6, 18) + "@fault-" + campaign + ".example";
            emails.put(key, email);
            String body;
            try {
                body = JSON.writeValueAsString(Map.of("email", email, "campaign", campaign, "source", "fault"));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            int tries = 0;
            while (running.get() || tries > 0 && tries < 200) {
                int which = Math.floorMod(n++, instances.size());
                int status = send(which, key, body);
                tries++;
                if (status == 200 || status == 201) {
                    break;
                }
                sleep(status == 409 ? 1000 : 300);
            }
        }
    }

    private int send(int which, String key, String body) {
        AppInstance target = instances.get(which);
        long t0 = System.nanoTime();
        boolean before = t0 < signalledAt;
        HttpRequest request = HttpRequest.newBuilder(target.uri("/api/v1/leads")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + adminKey).header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> r = AppInstance.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            record(key, which, r.statusCode(), null, t0, before);
            keepServerError("POST /api/v1/leads " + key, which, r);
            if (r.statusCode() == 200 || r.statusCode() == 201) {
                JsonNode answer = JSON.readTree(r.body());
                acknowledged.put(key, answer.path("lead").path("id").asText());
            }
            return r.statusCode();
        } catch (ConnectException e) {
            record(key, which, -1, "refused", t0, before);
            return -1;
        } catch (HttpTimeoutException e) {
            record(key, which, -1, "timeout", t0, before);
            return -1;
        } catch (IOException e) {
            record(key, which, -1, "reset", t0, before);
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void keepServerError(String what, int which, HttpResponse<String> r) {
        if (r.statusCode() >= 500 && r.statusCode() != 503) {
            serverErrors.add(what + " on replica " + which + ": " + r.statusCode() + " " + r.body());
        }
    }

    private void record(String key, int which, int status, String failure, long t0, boolean before) {
        long now = System.nanoTime();
        attempts.add(new Attempt(key, which, status, failure, (now - t0) / 1_000_000, (t0 - start) / 1_000_000,
                before && now > signalledAt));
    }

    /** Stops issuing new leads; those in flight are retried until acknowledged (bounded). */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        clients.shutdown();
        clients.awaitTermination(120, TimeUnit.SECONDS);
    }

    long count(int status) {
        return attempts.stream().filter(a -> a.status() == status).count();
    }

    long slowest() {
        return attempts.stream().mapToLong(Attempt::millis).max().orElse(0);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
