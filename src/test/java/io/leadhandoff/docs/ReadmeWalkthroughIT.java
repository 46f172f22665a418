package io.leadhandoff.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the shell blocks of the README's "Five minutes with curl" with bash and curl against the packaged jar
 * (the MySQL build, on a database of its own), the port and the lead's id substituted, and checks the answers the
 * text promises. The walkthrough is one behaviour whose steps build on each other (the lead made first is read,
 * merged into and listed), so it is one test that runs the steps in the README's order.
 * {@code -Dwalkthrough.jdbc}, {@code -Dwalkthrough.db}, {@code -Dwalkthrough.port} and {@code -Dwalkthrough.management-port}
 * choose the server, database and ports.
 */
class ReadmeWalkthroughIT {

    static final String SECTION = "Five minutes with curl";
    static final String KEY = "dev-admin-key-only-for-local-use";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static final String JDBC = System.getProperty("walkthrough.jdbc", "jdbc:mysql://127.0.0.1:3306/");
    private static final String DB = System.getProperty("walkthrough.db", "lh_walkthrough");
    private static final int PORT = Integer.getInteger("walkthrough.port", 18310);
    private static final int MANAGEMENT_PORT = Integer.getInteger("walkthrough.management-port", PORT + 1);

    private static List<String> blocks;
    private static Process app;
    private static String leadId;

    @BeforeAll
    static void startThePackagedJar() throws Exception {
        blocks = MarkdownDocs.shellBlocks(MarkdownDocs.README, SECTION);
        try (Connection c = DriverManager.getConnection(JDBC, "root", ""); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + DB);
            s.execute("create database " + DB + " character set utf8mb4 collate utf8mb4_unicode_ci");
        }
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        assertThat(jar).as("the packaged jar (./mvnw verify packages it before integration tests)").exists();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-jar", jar.toString());
        pb.environment().putAll(Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", JDBC + DB + "?rewriteBatchedStatements=true",
                "QUARKUS_DATASOURCE_USERNAME", "root",
                "QUARKUS_DATASOURCE_PASSWORD", "",
                "QUARKUS_HTTP_PORT", Integer.toString(PORT),
                "QUARKUS_HTTP_HOST", "127.0.0.1",
                "QUARKUS_MANAGEMENT_PORT", Integer.toString(MANAGEMENT_PORT),
                "QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false",
                // as the suite's own profile: CI runs this beside a build on two cores, where 10 s can pass before a first write
                "LEAD_HANDOFF_REQUEST_DEADLINE", "30s",
                // the README's walkthrough uses dev mode's key; the packaged jar takes it as its bootstrap key
                "LEAD_HANDOFF_SECURITY_BOOTSTRAP_ADMIN_KEY", KEY));
        pb.redirectErrorStream(true).redirectOutput(Path.of("target", "walkthrough.log").toFile());
        app = pb.start();
        await("readiness of the packaged jar (target/walkthrough.log)").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> ready() == 200);
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.destroy();
            if (!app.waitFor(30, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
        try (Connection c = DriverManager.getConnection(JDBC, "root", ""); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + DB);
        } catch (SQLException e) {
            // the database is left for a look; the next run drops it first
        }
    }

    @Test
    void theFiveMinutesWithCurlAnswerWhatTheReadmePromises() throws Exception {
        theSectionHasItsFiveSteps();
        aPostedLeadIsCreatedNormalisedScoredAndQueuedInInbound();
        theSameRequestAgainIsReplayedNotASecondLead();
        theSamePersonFromAnotherToolIsMergedIntoTheOpenLead();
        theLeadReadsBackWithItsTimelineAndInTheList();
        aBatchAnswersEveryItemAndABadItemFailsAlone();
    }

    private static void theSectionHasItsFiveSteps() {
        assertThat(blocks).hasSize(5);
        assertThat(blocks.get(0)).contains("export LH=").contains(KEY);
    }

    private static void aPostedLeadIsCreatedNormalisedScoredAndQueuedInInbound() throws Exception {
        String[] answer = headersAndBody(run(blocks.get(1)));

        assertThat(answer[0]).as(answer[1]).startsWith("HTTP/1.1 201").containsIgnoringCase("\nLocation: ");
        JsonNode lead = JSON.readTree(answer[1]).path("lead");
        leadId = lead.path("id").asText();
        assertThat(answer[0]).contains("/api/v1/leads/" + leadId);
        assertThat(lead.path("email").asText()).isEqualTo("ada.lovelace@analytical-engines.example");
        assertThat(lead.path("phone").asText()).isEqualTo("+442079460958");
        assertThat(lead.path("country").asText()).isEqualTo("GB");
        assertThat(lead.path("raw").path("email").asText()).isEqualTo(" Ada.Lovelace@Analytical-Engines.example ");
        assertThat(lead.path("score").path("explanation").isObject()).as("the score's explanation").isTrue();
        assertThat(lead.path("status").asText()).isEqualTo("queued");
        assertThat(lead.path("routing").isObject()).as("the routing decision").isTrue();
        assertThat(lead.path("queueId").asText()).isEqualTo("inbound");
    }

    private static void theSameRequestAgainIsReplayedNotASecondLead() throws Exception {
        String[] answer = headersAndBody(run(blocks.get(1)));

        assertThat(answer[0]).startsWith("HTTP/1.1 201").containsIgnoringCase("\nIdempotent-Replayed: true");
        assertThat(JSON.readTree(answer[1]).path("lead").path("id").asText()).isEqualTo(leadId);
    }

    private static void theSamePersonFromAnotherToolIsMergedIntoTheOpenLead() throws Exception {
        JsonNode answer = JSON.readTree(run(blocks.get(2)));

        assertThat(answer.path("merged").asBoolean()).isTrue();
        assertThat(answer.path("outcome").asText()).isEqualTo("merged");
        assertThat(answer.path("lead").path("id").asText()).isEqualTo(leadId);
        assertThat(answer.path("lead").path("touches").asInt()).isEqualTo(2);
    }

    private static void theLeadReadsBackWithItsTimelineAndInTheList() throws Exception {
        List<JsonNode> answers = values(run(blocks.get(3)));

        assertThat(answers).hasSize(3);
        assertThat(answers.get(0).path("id").asText()).isEqualTo(leadId);
        assertThat(answers.get(1).path("items").findValuesAsText("type")).contains("lead.created", "lead.merged");
        assertThat(answers.get(2).path("items").findValuesAsText("id")).contains(leadId);
    }

    private static void aBatchAnswersEveryItemAndABadItemFailsAlone() throws Exception {
        JsonNode results = JSON.readTree(run(blocks.get(4))).path("results");

        assertThat(results).hasSize(2);
        assertThat(results.get(0).path("outcome").asText()).isEqualTo("created");
        assertThat(results.get(1).path("outcome").asText()).isEqualTo("rejected");
        assertThat(results.get(1).path("problem").path("status").asInt()).isEqualTo(422);
    }

    /** Runs one block with bash after the first (which sets $LH), on this test's port, for the lead made first. */
    private static String run(String block) throws IOException, InterruptedException {
        String script = blocks.get(0) + "\n" + block.replace("localhost:8080", "127.0.0.1:" + PORT)
                .replace("<id>", leadId == null ? "no-lead-yet" : leadId);
        Process bash = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).redirectErrorStream(false).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(60, TimeUnit.SECONDS)).as("the block finishes").isTrue();
        assertThat(bash.exitValue()).as("exit status of\n" + block + "\nstderr: "
                + new String(bash.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        return out;
    }

    private static String[] headersAndBody(String response) {
        int split = response.indexOf("\r\n\r\n");
        assertThat(split).as("headers and a body in\n" + response).isPositive();
        return new String[] {response.substring(0, split).replace("\r\n", "\n"), response.substring(split + 4)};
    }

    private static List<JsonNode> values(String concatenated) throws IOException {
        List<JsonNode> values = new ArrayList<>();
        try (var it = JSON.readerFor(JsonNode.class).<JsonNode>readValues(concatenated)) {
            it.forEachRemaining(values::add);
        }
        return values;
    }

    private static int ready() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + MANAGEMENT_PORT + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
