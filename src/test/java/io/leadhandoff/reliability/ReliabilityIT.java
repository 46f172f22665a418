package io.leadhandoff.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Three instances of the packaged jar on one MariaDB/MySQL database. 10,000 leads go in through all
 * three with client retries that reuse their Idempotency-Key (some after a client timeout), while one
 * instance is killed with SIGKILL and restarted; then 24 pullers claim, sometimes let leases expire,
 * sometimes release, and give feedback, while another instance is killed. The database and the
 * change feed must then tell one consistent story. Run by .ci/run with {@code -Pmysql -DskipITs=false}.
 */
@Tag("reliability")
class ReliabilityIT {

    private static final String DB = "lh_reliability";
    private static final String ADMIN = "reliability-admin-key-0123456789";
    private static final int LEADS = Integer.getInteger("reliability.leads", 10_000);
    private static final int[] PORTS = {18181, 18182, 18183};
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Process[] INSTANCES = new Process[3];
    private static String jdbcBase;

    @BeforeAll
    static void startThreeInstances() throws Exception {
        jdbcBase = System.getProperty("reliability.jdbc", "jdbc:mysql://127.0.0.1:3306/");
        try (Connection c = DriverManager.getConnection(jdbcBase, "root", ""); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + DB);
            s.execute("create database " + DB + " character set utf8mb4");
        }
        start(0);
        awaitReady(0);
        start(1);
        start(2);
        awaitReady(1);
        awaitReady(2);
    }

    @AfterAll
    static void stopInstances() {
        for (Process p : INSTANCES) {
            if (p != null) {
                p.destroy();
            }
        }
    }

    private static void start(int i) throws IOException {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        assertThat(jar).as("the packaged jar (./mvnw verify packages it before integration tests)").exists();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-jar", jar.toString());
        Map<String, String> env = pb.environment();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(PORTS[i]));
        env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(PORTS[i] + 1000));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcBase + DB + "?rewriteBatchedStatements=true");
        env.put("QUARKUS_DATASOURCE_USERNAME", "root");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "");
        env.put("LEAD_HANDOFF_SECURITY_BOOTSTRAP_ADMIN_KEY", ADMIN);
        env.put("LEAD_HANDOFF_SECURITY_DEFAULT_RATE_PER_SECOND", "100000");
        env.put("LEAD_HANDOFF_SECURITY_DEFAULT_BURST", "100000");
        env.put("LEADHANDOFF_WORK_SWEEP_INTERVAL", "2s");
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        Path log = Path.of("target", "reliability-instance-" + i + ".log");
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        INSTANCES[i] = pb.start();
    }

    private static void awaitReady(int i) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (PORTS[i] + 1000) + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("instance " + i + " did not become ready; see target/reliability-instance-" + i + ".log");
    }

    private static void kill(int i) throws InterruptedException {
        INSTANCES[i].destroyForcibly();
        INSTANCES[i].waitFor(10, TimeUnit.SECONDS);
    }

    private static HttpResponse<String> call(int instance, String method, String path, String body, String idempotencyKey, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORTS[instance] + path))
                .timeout(timeout).header("Authorization", "Bearer " + ADMIN).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends until an answer other than a transient failure arrives, rotating instances; counts the retries. */
    private static HttpResponse<String> withRetries(String method, String path, String body, String key, AtomicInteger retries, boolean shortTimeouts)
            throws InterruptedException {
        int instance = ThreadLocalRandom.current().nextInt(3);
        for (int attempt = 0; attempt < 200; attempt++) {
            Duration timeout = shortTimeouts && attempt == 0 && ThreadLocalRandom.current().nextInt(20) == 0
                    ? Duration.ofMillis(5) : Duration.ofSeconds(15);
            try {
                HttpResponse<String> r = call(instance, method, path, body, key, timeout);
                if (r.statusCode() < 500 && r.statusCode() != 409 || r.statusCode() == 409 && !r.body().contains("idempotency-in-flight")) {
                    return r;
                }
            } catch (IOException e) {
                // timeout, refused (killed instance), reset: retry
            }
            retries.incrementAndGet();
            instance = (instance + 1) % 3;
            Thread.sleep(Math.min(1000, 20L * (attempt + 1)));
        }
        throw new IllegalStateException("no answer for " + method + " " + path);
    }

    @Test
    void threeInstancesWithKillsLoseNothingAndNeverDoubleLease() throws Exception {
        AtomicInteger retries = new AtomicInteger();
        int kills = 0;
        String run = UUID.randomUUID().toString().substring(0, 8);

        // --- intake: 10,000 leads through three instances, one of them killed and restarted midway ---
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(16);
        AtomicInteger posted = new AtomicInteger();
        List<java.util.concurrent.Future<?>> work = new ArrayList<>();
        for (int n = 0; n < LEADS; n++) {
            int i = n;
            work.add(clients.submit(() -> {
                String email = "rel-" + run + "-" + i + "@company" + (i % 500) + ".example";
                String body = "{\"email\":\"" + email + "\",\"title\":\"VP Sales\",\"source\":\"reliability\",\"employeeCount\":" + (i % 3000) + "}";
                HttpResponse<String> r = withRetries("POST", "/api/v1/leads", body, "lead-" + run + "-" + i, retries, true);
                assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
                acknowledged.put(email, JSON.readTree(r.body()).path("lead").path("id").asText());
                posted.incrementAndGet();
                return null;
            }));
        }
        while (posted.get() < LEADS / 3) {
            Thread.sleep(100);
        }
        kill(1);
        kills++;
        Thread.sleep(2000);
        start(1);
        for (var f : work) {
            f.get(10, TimeUnit.MINUTES);
        }
        awaitReady(1);

        try (Connection db = DriverManager.getConnection(jdbcBase + DB, "root", "")) {
            assertThat(count(db, "select count(*) from lead where source = 'reliability'")).isEqualTo(LEADS);
            assertThat(count(db, "select count(distinct email) from lead where source = 'reliability'")).isEqualTo(LEADS);
        }
        assertThat(new HashSet<>(acknowledged.values())).hasSize(LEADS);
        try (Connection db = DriverManager.getConnection(jdbcBase + DB, "root", ""); Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("select id from lead where source = 'reliability'")) {
            Set<String> stored = new HashSet<>();
            while (rs.next()) {
                stored.add(rs.getString(1));
            }
            assertThat(stored).as("every acknowledged lead is stored").containsAll(acknowledged.values());
        }

        // --- work: 24 pullers across the instances; leases expire, get released, feedback is given ---
        for (int r = 0; r < 24; r++) {
            HttpResponse<String> m = withRetries("PUT", "/api/v1/queues/inbound/members/puller-" + r, "{}", null, retries, false);
            assertThat(m.statusCode()).isEqualTo(200);
        }
        Map<String, String> judged = new ConcurrentHashMap<>();
        AtomicInteger released = new AtomicInteger();
        AtomicInteger abandoned = new AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService pullers = Executors.newFixedThreadPool(24);
        List<java.util.concurrent.Future<?>> pulling = new ArrayList<>();
        for (int r = 0; r < 24; r++) {
            String rep = "puller-" + r;
            pulling.add(pullers.submit(() -> {
                int idle = 0;
                while (!done.get() && idle < 60) {
                    HttpResponse<String> claim = withRetries("POST", "/api/v1/queues/inbound/claims",
                            "{\"repId\":\"" + rep + "\",\"count\":5,\"leaseSeconds\":30}", null, retries, false);
                    JsonNode claimed = JSON.readTree(claim.body()).path("claimed");
                    if (claimed.isEmpty()) {
                        idle++;
                        Thread.sleep(1000);
                        continue;
                    }
                    idle = 0;
                    for (JsonNode c : claimed) {
                        String id = c.path("lead").path("id").asText();
                        String token = c.path("leaseToken").asText();
                        int dice = ThreadLocalRandom.current().nextInt(100);
                        if (dice < 5) {
                            abandoned.incrementAndGet();
                        } else if (dice < 15) {
                            HttpResponse<String> rel = withRetries("POST", "/api/v1/leads/" + id + "/release",
                                    "{\"leaseToken\":\"" + token + "\"}", null, retries, false);
                            if (rel.statusCode() == 204) {
                                released.incrementAndGet();
                            }
                        } else {
                            String outcome = dice < 60 ? "{\"outcome\":\"ACCEPTED\"" : "{\"outcome\":\"REJECTED\",\"reason\":\"NOT_A_FIT\"";
                            HttpResponse<String> fb = withRetries("POST", "/api/v1/leads/" + id + "/feedback",
                                    outcome + ",\"repId\":\"" + rep + "\",\"leaseToken\":\"" + token + "\"}", "fb-" + id + "-" + token, retries, true);
                            if (fb.statusCode() == 200) {
                                judged.put(id, JSON.readTree(fb.body()).path("status").asText());
                            } else {
                                assertThat(fb.statusCode()).as(fb.body()).isEqualTo(409);
                            }
                        }
                    }
                }
                return null;
            }));
        }
        while (judged.size() < LEADS / 2) {
            Thread.sleep(200);
        }
        kill(0);
        kills++;
        Thread.sleep(2000);
        start(0);
        awaitReady(0);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(6));
        while (judged.size() < LEADS && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
        }
        done.set(true);
        for (var f : pulling) {
            f.get(2, TimeUnit.MINUTES);
        }
        clients.shutdown();
        pullers.shutdown();

        // --- the story the database tells ---
        try (Connection db = DriverManager.getConnection(jdbcBase + DB, "root", "")) {
            assertThat(judged).as("every lead got a verdict").hasSize(LEADS);
            assertThat(count(db, "select count(*) from lead where source = 'reliability' and status in ('ACCEPTED', 'REJECTED')")).isEqualTo(LEADS);
            assertThat(count(db, "select count(*) from (select lead_id from lead_event where type = 'lead.feedback' "
                    + "group by lead_id having count(*) <> 1) x")).as("leads without exactly one final outcome").isZero();
            for (Map.Entry<String, String> e : judged.entrySet()) {
                assertThat(status(db, e.getKey())).as("acknowledged feedback on " + e.getKey()).isEqualTo(e.getValue().toUpperCase());
            }
            assertThat(overlappingLeases(db)).as("leads held under two valid leases at once").isEmpty();
            List<Long> feedSeq = feedPositions();
            assertThat(feedSeq).as("feed positions").isSorted().doesNotHaveDuplicates();
            assertThat((long) feedSeq.size()).as("every event exactly once on the feed")
                    .isEqualTo(count(db, "select count(*) from lead_event"));
            long events = count(db, "select count(*) from lead_event");
            String summary = String.format("reliability: %d leads through 3 instances, %d client retries, %d SIGKILLs, %d releases, "
                    + "%d abandoned leases, %d events on the feed, lost 0, duplicates 0, overlapping leases 0",
                    LEADS, retries.get(), kills, released.get(), abandoned.get(), events);
            System.out.println(summary);
            Files.writeString(Path.of("target", "reliability-summary.txt"), summary + System.lineSeparator());
        }
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String status(Connection db, String id) throws SQLException {
        try (var ps = db.prepareStatement("select status from lead where id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Leads claimed again while an earlier lease was still valid and had not been ended by a release, expiry or verdict. */
    private static List<String> overlappingLeases(Connection db) throws SQLException, IOException {
        List<String> bad = new ArrayList<>();
        Map<String, Instant> validUntil = new HashMap<>();
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("select lead_id, type, occurred_at, detail from lead_event order by ord")) {
            while (rs.next()) {
                String lead = rs.getString(1);
                String type = rs.getString(2);
                Instant at = rs.getTimestamp(3).toInstant();
                switch (type) {
                    case "lead.claimed" -> {
                        Instant previous = validUntil.get(lead);
                        if (previous != null && at.isBefore(previous)) {
                            bad.add(lead);
                        }
                        validUntil.put(lead, Instant.parse(JSON.readTree(rs.getString(4)).path("leaseExpiresAt").asText()));
                    }
                    case "lead.lease_extended" -> validUntil.put(lead, Instant.parse(JSON.readTree(rs.getString(4)).path("leaseExpiresAt").asText()));
                    case "lead.released", "lead.lease_expired", "lead.feedback", "lead.escalated", "lead.erased" -> validUntil.remove(lead);
                    default -> { }
                }
            }
        }
        return bad;
    }

    private static List<Long> feedPositions() throws Exception {
        List<Long> positions = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        String cursor = null;
        while (true) {
            HttpResponse<String> r = call(2, "GET", "/api/v1/events?limit=1000" + (cursor == null ? "" : "&after=" + cursor), null, null,
                    Duration.ofSeconds(30));
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode page = JSON.readTree(r.body());
            for (JsonNode e : page.path("items")) {
                positions.add(e.path("position").asLong());
                assertThat(ids.add(e.path("id").asText())).as("event " + e.path("id").asText() + " once").isTrue();
            }
            cursor = page.path("nextCursor").asText();
            if (!page.path("more").asBoolean()) {
                return positions;
            }
        }
    }
}
