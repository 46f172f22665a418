package io.leadhandoff.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Without a database the packaged jar does not hang and never serves: it exits non-zero and says why, and
 * Kubernetes restarts it until the database answers (README, "Start-up without a database").
 */
class StartupWithoutDatabaseIT {

    @Test
    void exitsWithAnErrorWhenTheDatabaseIsUnreachable() throws Exception {
        AppInstance replica = new AppInstance("no-database", Integer.getInteger("faults.app.port", 18291) + 8, noDatabase());
        Path log = Path.of("target", "fault-no-database.log");
        Files.deleteIfExists(log);
        replica.start();
        try {
            assertThat(replica.waitForExit(Duration.ofSeconds(90))).as("the process exits by itself").isTrue();
            assertThat(replica.exitValue()).as("exit code").isNotZero();
            assertThat(replica.readyStatus()).as("nothing is served").isEqualTo(-1);
            assertThat(Files.readString(log)).containsIgnoringCase("liquibase");
        } finally {
            replica.stop();
        }
    }

    /**
     * The image records its class-data archive where it is built, with no database (src/main/docker/Dockerfile.jvm):
     * the recording start exits 0 by itself, and a replica started with the archive loads the service's classes from it.
     */
    @Test
    void recordsTheClassDataArchiveWithoutADatabase() throws Exception {
        Path archive = Path.of("target", "it-class-data.jsa");
        Files.deleteIfExists(archive);
        int port = Integer.getInteger("faults.app.port", 18291) + 9;
        AppInstance recording = new AppInstance("class-data-recording", port, noDatabase(),
                List.of("-Dquarkus.appcds.generate=true", "-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off"));
        Files.deleteIfExists(Path.of("target", "fault-class-data-recording.log"));
        recording.start();
        try {
            assertThat(recording.waitForExit(Duration.ofSeconds(120))).as("the recording start exits by itself").isTrue();
            assertThat(recording.exitValue()).as("exit code").isZero();
        } finally {
            recording.stop();
        }
        assertThat(archive).as("the archive").exists();
        assertThat(Files.size(archive)).isGreaterThan(1_000_000);
        assertThat(Files.readString(Path.of("target", "fault-class-data-recording.log"))).contains("Recording the class-data archive")
                .doesNotContainIgnoringCase("liquibase could not");

        Map<String, String> env = new HashMap<>(noDatabase());
        env.put("LEAD_HANDOFF_STARTUP_DATABASE_WINDOW", "1s");
        AppInstance replica = new AppInstance("class-data-use", port, env,
                List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:class+load=info"));
        Path log = Path.of("target", "fault-class-data-use.log");
        Files.deleteIfExists(log);
        replica.start();
        try {
            assertThat(replica.waitForExit(Duration.ofSeconds(90))).as("no database: the replica exits").isTrue();
        } finally {
            replica.stop();
        }
        assertThat(Files.readAllLines(log)).as("service classes loaded from the archive")
                .anyMatch(line -> line.contains("io.leadhandoff.common.SchemaAtStart source: shared objects file"));
    }

    private static Map<String, String> noDatabase() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        return Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:mysql://127.0.0.1:" + closedPort + "/leadhandoff",
                "QUARKUS_DATASOURCE_USERNAME", "root",
                "QUARKUS_DATASOURCE_PASSWORD", "");
    }
}
