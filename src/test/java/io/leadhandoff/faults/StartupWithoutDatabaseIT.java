package io.leadhandoff.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Without a database the packaged jar does not hang and never serves: it exits non-zero and says why, and
 * Kubernetes restarts it until the database answers (README, "Start-up without a database").
 */
class StartupWithoutDatabaseIT {

    @Test
    void exitsWithAnErrorWhenTheDatabaseIsUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        AppInstance replica = new AppInstance("no-database", Integer.getInteger("faults.app.port", 18291) + 8, Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:mysql://127.0.0.1:" + closedPort + "/leadhandoff",
                "QUARKUS_DATASOURCE_USERNAME", "root",
                "QUARKUS_DATASOURCE_PASSWORD", ""));
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
}
