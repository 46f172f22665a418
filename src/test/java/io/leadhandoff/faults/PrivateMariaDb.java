package io.leadhandoff.faults;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A MariaDB server of the test's own (own data directory and port) that the test may kill, freeze and restart
 * without touching the database other tests use. Needs {@code mariadbd} and {@code mariadb-install-db} on the PATH.
 */
final class PrivateMariaDb implements AutoCloseable {

    private final Path dir;
    private final int port;
    private Process process;

    PrivateMariaDb(Path dir, int port) {
        this.dir = dir.toAbsolutePath();
        this.port = port;
    }

    static boolean available() {
        return onPath("mariadbd") && onPath("mariadb-install-db");
    }

    private static boolean onPath(String command) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, command))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", command));
    }

    String jdbcUrl(String database) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database;
    }

    void install() throws IOException, InterruptedException {
        deleteRecursively(dir);
        Files.createDirectories(dir);
        Process install = new ProcessBuilder("mariadb-install-db", "--no-defaults", "--datadir=" + dir.resolve("data"), "--user=root",
                "--skip-test-db", "--auth-root-authentication-method=normal")
                .redirectErrorStream(true).redirectOutput(dir.resolve("install.log").toFile()).start();
        if (!install.waitFor(120, TimeUnit.SECONDS) || install.exitValue() != 0) {
            throw new IllegalStateException("mariadb-install-db failed; see " + dir.resolve("install.log"));
        }
    }

    void start() throws IOException, InterruptedException {
        String mariadbd = Files.isExecutable(Path.of("/usr/sbin/mariadbd")) ? "/usr/sbin/mariadbd" : "mariadbd";
        process = new ProcessBuilder(mariadbd, "--no-defaults", "--datadir=" + dir.resolve("data"), "--user=root",
                "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + dir.resolve("mariadb.sock"),
                "--pid-file=" + dir.resolve("mariadb.pid"), "--skip-grant-tables", "--innodb-buffer-pool-size=128M",
                "--max-connections=300", "--log-error=" + dir.resolve("error.log"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile())).start();
        Instant until = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(until)) {
            try (Connection c = DriverManager.getConnection(jdbcUrl("mysql"), "root", "")) {
                return;
            } catch (SQLException e) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("private mariadbd did not start; see " + dir.resolve("error.log"));
    }

    void createDatabase(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl("mysql"), "root", "")) {
            c.createStatement().execute("create database if not exists " + name + " character set utf8mb4");
        }
    }

    void kill() throws InterruptedException {
        signal("KILL");
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGSTOP: the server keeps its sockets open and answers nothing, like a network black hole. */
    void freeze() {
        signal("STOP");
    }

    void thaw() {
        signal("CONT");
    }

    boolean listening() {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder(List.of("kill", "-" + name, Long.toString(process.pid()))).start();
            kill.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new IllegalStateException("cannot signal mariadbd", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            thaw();
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static Duration since(Instant start) {
        return Duration.between(start, Instant.now());
    }

    private static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            for (Path x : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(x);
            }
        }
    }
}
