package io.leadhandoff.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadhandoff.webhook.Receiver;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Webhook delivery through faults, on a private MariaDB with two replicas of the packaged jar: the replica delivering
 * for a subscription is SIGKILLed mid-delivery, and the database is killed and restarted while events wait. A receiver
 * that de-duplicates by {@code webhook-id} gets every subscribed event exactly once, each lead's events in order. A
 * source's write-back (HubSpot's contact update, to a receiver that answers as HubSpot does) goes through the same
 * SIGKILL: every verdict reaches the tool exactly once after de-duplication.
 */
@Tag("faults")
class WebhookFaultIT {

    private static final String ADMIN = "webhook-fault-admin-key-0123456789";
    private static final String DB = "lh_webhook_faults";
    private static PrivateMariaDb db;
    private static final List<AppInstance> replicas = new ArrayList<>();

    @BeforeAll
    static void startDatabaseAndReplicas() throws Exception {
        assumeTrue(PrivateMariaDb.available(), "mariadbd and mariadb-install-db are needed for the fault tests");
        db = new PrivateMariaDb(Path.of("target", "webhook-fault-mariadb"), Integer.getInteger("faults.webhook.db.port", 3397));
        db.install();
        db.start();
        db.createDatabase(DB);
        int base = Integer.getInteger("faults.webhook.port", 18391);
        for (int i = 0; i < 2; i++) {
            Map<String, String> env = new HashMap<>(Map.of(
                    "QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl(DB) + "?rewriteBatchedStatements=true",
                    "QUARKUS_DATASOURCE_USERNAME", "root",
                    "QUARKUS_DATASOURCE_PASSWORD", "",
                    "LEAD_HANDOFF_SECURITY_BOOTSTRAP_ADMIN_KEY", ADMIN,
                    "LEAD_HANDOFF_SECURITY_DEFAULT_RATE_PER_SECOND", "100000",
                    "LEAD_HANDOFF_SECURITY_DEFAULT_BURST", "100000",
                    "LEAD_HANDOFF_WEBHOOKS_ALLOWED_HOSTS", "127.0.0.1",
                    "QUARKUS_HTTP_HOST", "127.0.0.1",
                    "LEAD_HANDOFF_WEBHOOKS_LEASE", "8s",
                    "LEAD_HANDOFF_WEBHOOKS_REQUEST_TIMEOUT", "3s"));
            env.put("LEAD_HANDOFF_WEBHOOKS_RETRY_SCHEDULE", "1s,1s,2s,2s,3s,3s,5s,5s,5s,5s,5s,5s,5s,5s,5s,5s,5s,5s,5s,5s");
            env.put("LEAD_HANDOFF_WEBHOOKS_JITTER", "0");
            replicas.add(new AppInstance("webhooks-" + i, base + i, env));
        }
        for (AppInstance r : replicas) {
            r.start();
            r.awaitReady(Duration.ofSeconds(180));
        }
    }

    @AfterAll
    static void stopAll() {
        replicas.forEach(AppInstance::stop);
        if (db != null) {
            db.close();
        }
    }

    @Test
    void aSigkillOfTheDeliveringReplicaLosesAndReordersNothing() throws Exception {
        try (Receiver receiver = new Receiver(n -> new Receiver.Reply(204, Map.of(), 100))) {
            String source = "wh-kill-" + UUID.randomUUID().toString().substring(0, 8);
            String subscription = subscribe(receiver, source);
            List<String> leads = ingest(source, 40);

            await().atMost(Duration.ofSeconds(60)).until(() -> receiver.requests().size() >= 10 && leaseOwner(subscription) != null);
            AppInstance delivering = replicaHolding(leaseOwner(subscription));
            delivering.kill();

            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(receiver.deduplicated()).hasSize(2 * leads.size()));
            assertEachLeadInOrder(receiver, leads);
            delivering.start();
            delivering.awaitReady(Duration.ofSeconds(180));
        }
    }

    @Test
    void aSigkillOfTheDeliveringReplicaWritesEachVerdictBackExactlyOnce() throws Exception {
        try (Receiver hubspot = new Receiver(n -> new Receiver.Reply(204, Map.of(), 100))) {
            String source = "hs-kill-" + UUID.randomUUID().toString().substring(0, 8);
            HttpResponse<String> created = send(replicas.get(0), "POST", "/api/v1/sources", Load.JSON.writeValueAsString(Map.of(
                    "id", source, "kind", "hubspot", "name", "write-back fault test", "secrets", List.of("hs-app-secret-0123456789"))));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String base = hubspot.url().replaceAll("/hook$", "");
            HttpResponse<String> configured = send(replicas.get(1), "PUT", "/api/v1/sources/" + source + "/writeback",
                    Load.JSON.writeValueAsString(Map.of("baseUrl", base, "token", "pat-fault-test")));
            assertThat(configured.statusCode()).as(configured.body()).isEqualTo(200);
            int count = 30;
            List<String> leads = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String body = "{\"email\":\"v" + i + "-" + source + "@webhook-faults.example\",\"source\":\"" + source
                        + "\",\"externalId\":\"" + (7000 + i) + "\"}";
                HttpResponse<String> answer = send(replicas.get(i % 2), "POST", "/api/v1/leads", body);
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
                String lead = Load.JSON.readTree(answer.body()).path("lead").path("id").asText();
                HttpResponse<String> verdict = send(replicas.get(i % 2), "POST", "/api/v1/leads/" + lead + "/feedback",
                        "{\"outcome\":\"ACCEPTED\"}");
                assertThat(verdict.statusCode()).as(verdict.body()).isEqualTo(200);
                leads.add(lead);
            }
            String subscription = writebackOf(source);

            await().atMost(Duration.ofSeconds(60)).until(() -> hubspot.requests().size() >= 5 && leaseOwner(subscription) != null);
            AppInstance delivering = replicaHolding(leaseOwner(subscription));
            delivering.kill();

            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(hubspot.deduplicated()).hasSize(count));
            List<String> contacts = new ArrayList<>();
            for (Receiver.Request r : hubspot.deduplicated()) {
                assertThat(Load.JSON.readTree(r.body()).path("properties").path("hs_lead_status").asText()).isEqualTo("CONNECTED");
                contacts.add(r.id());
            }
            assertThat(contacts).doesNotHaveDuplicates();
            delivering.start();
            delivering.awaitReady(Duration.ofSeconds(180));
        }
    }

    @Test
    void aDatabaseOutageLosesAndReordersNothing() throws Exception {
        try (Receiver receiver = new Receiver(n -> new Receiver.Reply(204, Map.of(), 50))) {
            String source = "wh-db-" + UUID.randomUUID().toString().substring(0, 8);
            subscribe(receiver, source);
            List<String> leads = ingest(source, 30);

            await().atMost(Duration.ofSeconds(60)).until(() -> receiver.requests().size() >= 5);
            db.kill();
            await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> !db.listening());
            db.start();

            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(receiver.deduplicated()).hasSize(2 * leads.size()));
            assertEachLeadInOrder(receiver, leads);
        }
    }

    private static void assertEachLeadInOrder(Receiver receiver, List<String> leads) throws IOException {
        List<String> seen = new ArrayList<>();
        for (Receiver.Request r : receiver.deduplicated()) {
            JsonNode body = Load.JSON.readTree(r.body());
            seen.add(body.path("data").path("leadId").asText() + " " + body.path("type").asText());
        }
        for (String lead : leads) {
            int created = seen.indexOf(lead + " lead.created");
            int routed = seen.indexOf(lead + " lead.routed");
            assertThat(created).as("lead.created of %s delivered", lead).isNotNegative();
            assertThat(routed).as("lead.routed of %s delivered after its lead.created", lead).isGreaterThan(created);
        }
    }

    private static String subscribe(Receiver receiver, String source) throws IOException {
        String body = Load.JSON.writeValueAsString(Map.of("url", receiver.url(), "eventTypes", List.of("lead.created", "lead.routed"),
                "sources", List.of(source)));
        HttpResponse<String> created = send(replicas.get(0), "POST", "/api/v1/webhooks", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Load.JSON.readTree(created.body()).path("webhook").path("id").asText();
    }

    private static List<String> ingest(String source, int count) throws IOException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String body = "{\"email\":\"w" + i + "-" + source + "@webhook-faults.example\",\"source\":\"" + source + "\"}";
            HttpResponse<String> answer = send(replicas.get(i % 2), "POST", "/api/v1/leads", body);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
            ids.add(Load.JSON.readTree(answer.body()).path("lead").path("id").asText());
        }
        return ids;
    }

    private static String writebackOf(String source) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(DB), "root", "");
             var q = c.prepareStatement("select id from webhook_subscription where source_id = ?")) {
            q.setString(1, source);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static String leaseOwner(String subscription) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(DB), "root", "");
             var q = c.prepareStatement("select lease_owner from webhook_subscription where id = ?")) {
            q.setString(1, subscription);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** The replica that logged {@code owner} as its delivery id. */
    private static AppInstance replicaHolding(String owner) throws IOException {
        for (int i = 0; i < replicas.size(); i++) {
            if (Files.readString(Path.of("target", "fault-webhooks-" + i + ".log")).contains("Delivering webhooks as " + owner)) {
                return replicas.get(i);
            }
        }
        throw new IllegalStateException("no replica logged " + owner);
    }

    /**
     * One request, sent again with the same {@code Idempotency-Key} after a 503 (a replica just started, or a machine
     * so loaded that a write missed its deadline), as a well-behaved client does; the last answer is returned.
     */
    private static HttpResponse<String> send(AppInstance target, String method, String path, String body) {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> answer = null;
        for (int attempt = 0; attempt < 5 && (answer == null || answer.statusCode() == 503); attempt++) {
            answer = sendOnce(target, method, path, body, key);
        }
        return answer;
    }

    private static HttpResponse<String> sendOnce(AppInstance target, String method, String path, String body, String key) {
        try {
            return AppInstance.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target.port + path))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + ADMIN).header("Content-Type", "application/json")
                    .header("Idempotency-Key", key)
                    .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
