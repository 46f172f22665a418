package io.leadhandoff.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Sends one signed request with the JDK client: no redirects followed, a timeout per request, at most
 * {@code max-concurrency-per-destination} requests in flight to one host and port, the destination checked against
 * request forgery right before connecting.
 */
@ApplicationScoped
class Sender {

    private static final int READ_LIMIT = 2_048;

    private final HttpClient client;
    private final Destinations destinations;
    private final WebhookConfig config;
    private final Clock clock;
    private final Map<String, Semaphore> perDestination = new ConcurrentHashMap<>();

    Sender(Destinations destinations, WebhookConfig config, Clock clock) {
        this.destinations = destinations;
        this.config = config;
        this.clock = clock;
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(config.requestTimeout()).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** What a destination answered, and the start of its body (up to 2 KiB) for a channel that reads the answer. */
    record Reply(Outcome outcome, String body) {
    }

    /** Sends {@code message} to {@code url}, signed with {@code secrets}; never throws for what the destination did. */
    Outcome send(String url, Message message, List<String> secrets) {
        return call(url, uri -> {
            long timestamp = clock.instant().getEpochSecond();
            return HttpRequest.newBuilder(uri)
                    .header("content-type", "application/json")
                    .header("webhook-id", message.id())
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", Signer.header(secrets, message.id(), timestamp, message.body()))
                    .POST(HttpRequest.BodyPublishers.ofString(message.body(), StandardCharsets.UTF_8));
        }).outcome();
    }

    /**
     * One request to {@code url} as {@code request} builds it (its URI given), under the same rules as every delivery:
     * the destination checked against request forgery, the per-destination gate, the timeout, no redirects. Never throws
     * for what the destination did.
     */
    Reply call(String url, Function<URI, HttpRequest.Builder> request) {
        long started = System.nanoTime();
        URI uri;
        try {
            uri = destinations.check(url);
        } catch (Destinations.Refused e) {
            return new Reply(new Outcome(null, 0, "refused: " + Outcome.cap(e.getMessage(), 180), null, null), null);
        }
        Semaphore gate = perDestination.computeIfAbsent(uri.getHost() + ":" + uri.getPort(),
                k -> new Semaphore(config.maxConcurrencyPerDestination()));
        try {
            if (!gate.tryAcquire(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                return failed(started, "too many deliveries in flight to this destination");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(started, "interrupted");
        }
        try {
            HttpRequest built = request.apply(uri).timeout(config.requestTimeout())
                    .header("user-agent", "lead-handoff-webhooks/1").build();
            HttpResponse<InputStream> response = sendOnce(built);
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(READ_LIMIT), StandardCharsets.UTF_8);
            }
            String hint = response.headers().firstValue("retry-after").orElse(null);
            return new Reply(new Outcome(response.statusCode(), millis(started), null, Outcome.cap(body, Outcome.EXCERPT),
                    retryAfter(hint)), body);
        } catch (HttpConnectTimeoutException e) {
            return failed(started, "connect timeout");
        } catch (HttpTimeoutException e) {
            return failed(started, "timeout after " + config.requestTimeout().toSeconds() + " s");
        } catch (IOException e) {
            return failed(started, "connection failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(started, "interrupted");
        } catch (IllegalArgumentException e) {
            return failed(started, "invalid request: " + Outcome.cap(e.getMessage(), 150));
        } finally {
            gate.release();
        }
    }

    /**
     * Sends {@code request}, and once more at once when a kept-alive connection turns out to have been closed by the
     * destination as the request went out (the JDK client then reads no bytes of an answer). Servers close idle
     * connections whenever they like; that race is no failure of the destination, and waiting the retry schedule's
     * 5 s for it would hold the subscription back. The request may have arrived: the second one carries the same
     * {@code webhook-id}, as every retry does. A refused or timed-out connection is not sent again here.
     */
    private HttpResponse<InputStream> sendOnce(HttpRequest request) throws IOException, InterruptedException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (java.net.ConnectException | HttpTimeoutException e) {
            throw e;
        } catch (IOException closed) {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        }
    }

    private static Reply failed(long started, String error) {
        return new Reply(new Outcome(null, millis(started), error, null, null), null);
    }

    /** {@code Retry-After} as seconds or an HTTP date; null when absent or unreadable. */
    Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long seconds = Long.parseLong(value.trim());
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(clock.instant(), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }

    private static long millis(long started) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }
}
