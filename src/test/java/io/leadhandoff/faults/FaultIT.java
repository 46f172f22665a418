package io.leadhandoff.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The write path under database and replica faults, on a private MariaDB server that the test kills, freezes
 * (SIGSTOP: a network black hole) and restarts, with two replicas of the packaged jar. Every scenario asserts
 * what the README's reliability section promises: no 500, no answer later than the request deadline (10 s) plus
 * 4 s (the target is 2 s), readiness answering within 2 s, nothing acknowledged lost, nothing applied twice. Figures are appended to
 * {@code target/fault-summary.txt}. Run by .ci/run with {@code -Pmysql -DskipITs=false}.
 */
@Tag("faults")
class FaultIT {

    private static final String ADMIN = "fault-admin-key-0123456789abcdef";
    private static final String DB = "lh_faults";
    private static final long DEADLINE_MS = 10_000;
    private static final Path SUMMARY = Path.of("target", "fault-summary.txt");

    private static PrivateMariaDb db;
    private static final List<AppInstance> replicas = new ArrayList<>();

    @BeforeAll
    static void startDatabaseAndReplicas() throws Exception {
        assumeTrue(PrivateMariaDb.available(), "mariadbd and mariadb-install-db are needed for the fault tests");
        db = new PrivateMariaDb(Path.of("target", "fault-mariadb"), Integer.getInteger("faults.db.port", 3399));
        db.install();
        db.start();
        db.createDatabase(DB);
        Files.deleteIfExists(SUMMARY);
        for (int i = 0; i < 2; i++) {
            replicas.add(new AppInstance("replica-" + i, Integer.getInteger("faults.app.port", 18291) + i, Map.of(
                    "QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl(DB) + "?rewriteBatchedStatements=true",
                    "QUARKUS_DATASOURCE_USERNAME", "root",
                    "QUARKUS_DATASOURCE_PASSWORD", "",
                    "LEAD_HANDOFF_SECURITY_BOOTSTRAP_ADMIN_KEY", ADMIN,
                    "LEAD_HANDOFF_SECURITY_DEFAULT_RATE_PER_SECOND", "100000",
                    "LEAD_HANDOFF_SECURITY_DEFAULT_BURST", "100000",
                    "QUARKUS_HTTP_ACCESS_LOG_ENABLED", "true",
                    "QUARKUS_HTTP_ACCESS_LOG_PATTERN", "access %t \"%r\" %s %D ms key=%{i,Idempotency-Key}")));
        }
        for (int i = 0; i < 2; i++) {
            Files.deleteIfExists(Path.of("target", "fault-replica-" + i + ".log"));
        }
        replicas.get(0).start();
        replicas.get(0).awaitReady(Duration.ofSeconds(120));
        replicas.get(1).start();
        replicas.get(1).awaitReady(Duration.ofSeconds(120));
    }

    @AfterAll
    static void stopAll() {
        replicas.forEach(AppInstance::stop);
        if (db != null) {
            db.close();
        }
    }

    /** Each scenario starts from a running database and two ready replicas, whatever the previous one did. */
    @BeforeEach
    void bothReplicasReady() throws Exception {
        if (!db.listening()) {
            db.start();
        }
        for (AppInstance r : replicas) {
            if (!r.alive()) {
                r.start();
            }
            r.awaitReady(Duration.ofSeconds(120));
            warmUp(r);
        }
    }

    /**
     * A replica that has just started answers its first requests slowly (class loading, JIT) on a busy machine;
     * the scenarios measure how faults are handled, not a cold start, so each replica serves some traffic first.
     */
    private static void warmUp(AppInstance replica) {
        for (int i = 0; i < 40; i++) {
            String email = "warm-" + UUID.randomUUID() + "@warm-up.example";
            send(replica, "POST", "/api/v1/leads", "warm-" + UUID.randomUUID(), "{\"email\":\"" + email + "\",\"campaign\":\"warm-up\"}");
            send(replica, "GET", "/api/v1/events?limit=10", null, "");
        }
    }

    /**
     * Replica 0's first start created the schema through Liquibase; replica 1 starts on the database replica 0 has
     * migrated, and does not start Liquibase (a restart while the database is being killed may, correctly, fall back
     * to it, so only the skip is asserted).
     */
    @Test
    void aReplicaOnAMigratedDatabaseDoesNotStartLiquibase() throws IOException {
        assertThat(Files.readString(Path.of("target", "fault-replica-0.log"))).contains("Successfully acquired change log lock");
        assertThat(Files.readString(Path.of("target", "fault-replica-1.log")))
                .contains("Schema up to date: every changeset of this build is applied with its checksum; Liquibase not started");
    }

    @Test
    void aBatchRetriedOnAnotherReplicaAfterACrashMidBatchIsAppliedExactlyOnce() throws Exception {
        String key = "batch-" + UUID.randomUUID();
        String campaign = "fault-batch-" + UUID.randomUUID().toString().substring(0, 8);
        List<Map<String, Object>> leads = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            leads.add(Map.of("email", "b" + i + "-" + campaign + "@batch.example", "campaign", campaign));
        }
        String body = Load.JSON.writeValueAsString(Map.of("leads", leads));
        AppInstance first = replicas.get(0);
        CompletableFuture<Integer> crashed = CompletableFuture.supplyAsync(() -> post(first, "/api/v1/leads/batch", key, body).statusCode());

        boolean midBatch = false;
        Instant until = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(until) && !midBatch) {
            midBatch = progressRows(key) > 0 && "IN_FLIGHT".equals(keyState(key));
        }
        db.freeze();
        first.kill();
        db.thaw();
        assertThat(midBatch).as("the first chunk was committed while the batch was in flight").isTrue();
        assertThat(keyState(key)).as("the crashed replica left the batch unfinished").isEqualTo("IN_FLIGHT");
        int chunksBefore = progressRows(key);

        Instant retried = Instant.now();
        HttpResponse<String> answer = null;
        while (PrivateMariaDb.since(retried).compareTo(Duration.ofSeconds(60)) < 0) {
            answer = post(replicas.get(1), "/api/v1/leads/batch", key, body);
            if (answer.statusCode() == 200) {
                break;
            }
            assertThat(answer.statusCode()).as("while the crashed attempt still holds the key").isIn(409, 503);
            Thread.sleep(1000);
        }
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode result = Load.JSON.readTree(answer.body());
        assertThat(result.path("summary").path("created").asInt()).isEqualTo(1000);
        result.path("results").forEach(item -> assertThat(item.path("outcome").asText()).isEqualTo("created"));
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "select count(*), sum(touches), sum(page_views) from lead where campaign = ?")) {
            s.setString(1, campaign);
            ResultSet r = s.executeQuery();
            r.next();
            assertThat(r.getInt(1)).as("leads stored").isEqualTo(1000);
            assertThat(r.getInt(2)).as("touches: none merged into itself").isEqualTo(1000);
        }
        assertThat(count("select count(*) from lead_event e join lead l on l.id = e.lead_id where l.campaign = ? and e.type = 'lead.merged'",
                campaign)).as("false lead.merged events").isZero();
        crashed.cancel(true);
        summary("kill mid-batch, retry on another replica: %d of 4 chunks applied before the crash, retry answered after %d s, "
                + "1000 created, 0 merged into themselves", chunksBefore, PrivateMariaDb.since(retried).toSeconds());
    }

    @Test
    void aFrozenDatabaseGets503sWithinTheDeadlineAndLosesNothing() throws Exception {
        try (Load load = new Load(replicas, ADMIN, 8)) {
            Thread.sleep(4000);
            load.signalled();
            db.freeze();
            Instant frozen = Instant.now();
            List<Long> readiness = new ArrayList<>();
            try {
                while (PrivateMariaDb.since(frozen).compareTo(Duration.ofSeconds(20)) < 0) {
                    readiness.add(readinessDown(replicas.get(0)));
                    readiness.add(readinessDown(replicas.get(1)));
                    Thread.sleep(2000);
                }
            } finally {
                db.thaw();
            }
            Thread.sleep(10_000);
            load.close();
            assertHeld(load, "freeze 20 s", readiness);
        }
    }

    @Test
    void aKilledDatabaseGets503sAndTheReplicasRecoverWhenItIsBack() throws Exception {
        try (Load load = new Load(replicas, ADMIN, 8)) {
            Thread.sleep(4000);
            load.signalled();
            db.kill();
            Instant killed = Instant.now();
            List<Long> readiness = new ArrayList<>();
            while (PrivateMariaDb.since(killed).compareTo(Duration.ofSeconds(15)) < 0) {
                readiness.add(readinessDown(replicas.get(0)));
                readiness.add(readinessDown(replicas.get(1)));
                Thread.sleep(2000);
            }
            db.start();
            for (AppInstance r : replicas) {
                r.awaitReady(Duration.ofSeconds(60));
            }
            Thread.sleep(5000);
            load.close();
            assertHeld(load, "kill 15 s and restart", readiness);
        }
    }

    @Test
    void aReplicaStoppedUnderLoadDrainsWithoutResettingAcceptedRequests() throws Exception {
        AppInstance stopping = replicas.get(0);
        try (Load load = new Load(replicas, ADMIN, 8)) {
            Thread.sleep(4000);
            load.signalled();
            Instant signalled = Instant.now();
            stopping.terminate();
            Thread.sleep(100);
            long readinessMillis = readinessDown(stopping);
            assertThat(stopping.waitForExit(Duration.ofSeconds(40))).as("the replica exits").isTrue();
            Duration exited = PrivateMariaDb.since(signalled);
            Thread.sleep(3000);
            load.close();
            long resetInFlight = load.attempts.stream()
                    .filter(a -> a.instance() == 0 && a.inFlightWhenSignalled() && "reset".equals(a.failure())).count();
            long reset = load.attempts.stream().filter(a -> a.instance() == 0 && "reset".equals(a.failure())).count();
            long refused = load.attempts.stream().filter(a -> a.instance() == 0 && "refused".equals(a.failure())).count();
            long drained = load.attempts.stream().filter(a -> a.instance() == 0 && a.status() == 503).count();
            summary("SIGTERM: %d reset, %d refused once the listener closed, %d answered 503 while draining", reset, refused, drained);
            assertThat(resetInFlight).as("requests accepted before SIGTERM that were reset").isZero();
            // the listener closes before the drain: a new connection is refused rather than accepted and then reset. Two
            // races stay with the kernel and HTTP/1.1 keep-alive: a handshake completed in the accept queue as the listener
            // closes, and a request written on an idle kept-alive connection as the exiting process closes it. On a loaded
            // CI host they cost 1-2 of ~80 new requests; a client retries them (with the Idempotency-Key) as a refusal.
            assertThat(reset).as("requests sent after SIGTERM that were reset (%d refused)", refused)
                    .isLessThanOrEqualTo(Math.max(2, (reset + refused) / 20));
            assertHeld(load, "SIGTERM under load (exit after " + exited.toMillis() + " ms, " + drained + " answered 503 while draining)",
                    List.of(readinessMillis));
        }
    }

    @Test
    void aVerdictRetriedAfterItsReplicaDiedTakesTheKeyOverAndAppliesUnderItsLease() throws Exception {
        AppInstance dying = replicas.get(0);
        AppInstance other = replicas.get(1);
        String rep = "fault-rep-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(send(other, "PUT", "/api/v1/queues/inbound/members/" + rep, null, "{}").statusCode()).isEqualTo(200);
        HttpResponse<String> claim = send(other, "POST", "/api/v1/queues/inbound/claims", null,
                "{\"repId\":\"" + rep + "\",\"count\":1,\"leaseSeconds\":30}");
        if (Load.JSON.readTree(claim.body()).path("claimed").isEmpty()) {
            send(other, "POST", "/api/v1/leads", null, "{\"email\":\"v-" + rep + "@verdict.example\"}");
            claim = send(other, "POST", "/api/v1/queues/inbound/claims", null,
                    "{\"repId\":\"" + rep + "\",\"count\":1,\"leaseSeconds\":30}");
        }
        JsonNode claimed = Load.JSON.readTree(claim.body()).path("claimed").get(0);
        String lead = claimed.path("lead").path("id").asText();
        String verdict = "{\"outcome\":\"ACCEPTED\",\"repId\":\"" + rep + "\",\"leaseToken\":\"" + claimed.path("leaseToken").asText() + "\"}";
        String key = "verdict-" + UUID.randomUUID();
        Instant claimedAt = Instant.now();

        // hold the lead's row so that the first attempt reserves its key and then waits inside its transaction
        try (Connection blocker = connect()) {
            blocker.setAutoCommit(false);
            try (PreparedStatement lock = blocker.prepareStatement("select id from lead where id = ? for update")) {
                lock.setString(1, lead);
                lock.executeQuery();
            }
            CompletableFuture.runAsync(() -> send(dying, "POST", "/api/v1/leads/" + lead + "/feedback", key, verdict));
            Instant until = Instant.now().plusSeconds(20);
            while (!"IN_FLIGHT".equals(keyState(key)) && Instant.now().isBefore(until)) {
                Thread.sleep(50);
            }
            assertThat(keyState(key)).as("the first attempt holds the key").isEqualTo("IN_FLIGHT");
            dying.kill();
            blocker.rollback();
        }

        Instant retried = Instant.now();
        HttpResponse<String> answer = send(other, "POST", "/api/v1/leads/" + lead + "/feedback", key, verdict);
        int refusedWhileHeld = 0;
        while (answer.statusCode() == 409 && PrivateMariaDb.since(retried).compareTo(Duration.ofSeconds(40)) < 0) {
            assertThat(answer.headers().firstValue("Retry-After")).as("a 409 says when to come back").isPresent();
            refusedWhileHeld++;
            Thread.sleep(1000);
            answer = send(other, "POST", "/api/v1/leads/" + lead + "/feedback", key, verdict);
        }
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(Load.JSON.readTree(answer.body()).path("status").asText()).isEqualTo("accepted");
        assertThat(PrivateMariaDb.since(claimedAt)).as("applied while its 30 s lease was still valid").isLessThan(Duration.ofSeconds(30));
        assertThat(count("select count(*) from lead_feedback where lead_id = ?", lead)).as("verdicts recorded").isEqualTo(1);
        summary("verdict retried after its replica died: %d × 409 while the dead attempt held the key, applied %d s after the claim "
                + "(lease 30 s), 1 verdict", refusedWhileHeld, PrivateMariaDb.since(claimedAt).toSeconds());
    }

    private void assertHeld(Load load, String scenario, List<Long> readinessMillis) throws SQLException {
        long server500 = load.attempts.stream().filter(a -> a.status() >= 500 && a.status() != 503).count();
        long slowest = load.attempts.stream().filter(a -> a.failure() == null || !a.failure().equals("refused"))
                .mapToLong(Load.Attempt::millis).max().orElse(0);
        long timeouts = load.attempts.stream().filter(a -> "timeout".equals(a.failure())).count();
        long readinessSlowest = readinessMillis.stream().mapToLong(Long::longValue).max().orElse(0);
        int stored = 0;
        int doubled = 0;
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement("select id, email, touches from lead where campaign = ?")) {
            s.setString(1, load.campaign);
            ResultSet r = s.executeQuery();
            Map<String, Integer> touches = new java.util.HashMap<>();
            while (r.next()) {
                touches.put(r.getString(1), r.getInt(3));
                stored++;
            }
            for (int t : touches.values()) {
                if (t != 1) {
                    doubled++;
                }
            }
            long lost = load.acknowledged.values().stream().filter(id -> !touches.containsKey(id)).count();
            long reads = load.attempts.stream().filter(a -> a.key().startsWith("read ")).count();
            summary("%s: %d requests (%d of them reads of the feed, a report, the lead list), %d leads acknowledged, %d × 503, "
                            + "%d × 500, slowest answer %d ms, readiness slowest %d ms, lost %d, applied twice %d", scenario,
                    load.attempts.size(), reads, load.acknowledged.size(), load.count(503),
                    server500, slowest, readinessSlowest, lost, doubled);
            load.attempts.stream().sorted(java.util.Comparator.comparingLong(Load.Attempt::millis).reversed()).limit(3)
                    .forEach(a -> summary("  slow: %s on replica %d: %s after %d ms, started %d ms into the run", a.key(), a.instance(),
                            a.failure() == null ? a.status() : a.failure(), a.millis(), a.startedAt()));
            load.serverErrors.forEach(e -> summary("  server error: %s", e));
            assertThat(server500).as("500 answers: %s%nlogged: %s", load.serverErrors, unexpectedFailuresLogged()).isZero();
            assertThat(timeouts).as("requests that got no answer in 30 s").isZero();
            assertThat(slowest).as("slowest answer (ms)").isLessThanOrEqualTo(DEADLINE_MS + 2000);
            assertThat(readinessSlowest).as("slowest readiness answer (ms)").isLessThanOrEqualTo(2000);
            assertThat(lost).as("acknowledged leads lost").isZero();
            assertThat(doubled).as("leads applied twice").isZero();
            assertThat(load.acknowledged).as("some leads were acknowledged").isNotEmpty();
        }
    }

    /** Time /q/health/ready took to answer; asserts that it answered DOWN. */
    private static long readinessDown(AppInstance replica) {
        long t0 = System.nanoTime();
        int status = replica.readyStatus();
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(status).as("readiness of a replica whose database is gone, or that is stopping").isIn(503, -1);
        return status == -1 ? Long.MAX_VALUE : millis;
    }

    private static HttpResponse<String> post(AppInstance target, String path, String key, String body) {
        return send(target, "POST", path, key, body);
    }

    private static HttpResponse<String> send(AppInstance target, String method, String path, String key, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.uri(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + ADMIN).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        try {
            return AppInstance.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(DB), "root", "");
    }

    private static int progressRows(String key) throws SQLException {
        return count("select count(*) from idempotency_progress where idem_key = ?", key);
    }

    private static String keyState(String key) throws SQLException {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement("select state from idempotency_record where idem_key = ?")) {
            s.setString(1, key);
            ResultSet r = s.executeQuery();
            return r.next() ? r.getString(1) : null;
        }
    }

    private static int count(String sql, String parameter) throws SQLException {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            ResultSet r = s.executeQuery();
            r.next();
            return r.getInt(1);
        }
    }

    /** What the replicas logged about unexpected failures (message and the first lines of the stack), to say why a 500 happened. */
    private static String unexpectedFailuresLogged() {
        StringBuilder out = new StringBuilder();
        try (var logs = Files.list(Path.of("target"))) {
            for (Path log : logs.filter(p -> p.getFileName().toString().matches("fault-.*\\.log")).toList()) {
                List<String> lines = Files.readAllLines(log);
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).contains("Unexpected failure")) {
                        lines.subList(i, Math.min(lines.size(), i + 25)).forEach(l -> out.append(System.lineSeparator()).append(l));
                    }
                }
            }
        } catch (IOException e) {
            out.append(e);
        }
        return out.toString();
    }

    private static void summary(String format, Object... args) {
        String line = String.format(format, args);
        System.out.println("faults: " + line);
        try {
            Files.writeString(SUMMARY, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
