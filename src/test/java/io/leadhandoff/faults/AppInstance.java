package io.leadhandoff.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One replica: the packaged jar in a process of its own, which the test may SIGTERM or SIGKILL. */
final class AppInstance {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final int port;
    /** /q/* (health) is on the management interface: this replica's port + 1000. */
    final int managementPort;
    private final String name;
    private final Map<String, String> env;
    private final List<String> jvmOptions;
    private Process process;

    AppInstance(String name, int port, Map<String, String> env) {
        this(name, port, env, List.of());
    }

    AppInstance(String name, int port, Map<String, String> env, List<String> jvmOptions) {
        this.name = name;
        this.port = port;
        this.managementPort = port + 1000;
        this.env = env;
        this.jvmOptions = jvmOptions;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    void start() throws IOException {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        if (!jar.toFile().exists()) {
            throw new IllegalStateException("the packaged jar is missing (./mvnw verify packages it before integration tests)");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        pb.environment().put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        pb.environment().put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target", "fault-" + name + ".log").toFile()));
        process = pb.start();
    }

    void awaitReady(Duration within) throws InterruptedException {
        Instant until = Instant.now().plus(within);
        while (Instant.now().isBefore(until)) {
            if (readyStatus() == 200) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " did not become ready; see target/fault-" + name + ".log");
    }

    /** Status of /q/health/ready, or -1 when it did not answer within 5 s. */
    int readyStatus() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    void terminate() {
        signal("TERM");
    }

    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    boolean waitForExit(Duration within) throws InterruptedException {
        return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    private void signal(String name) {
        try {
            new ProcessBuilder(List.of("kill", "-" + name, Long.toString(process.pid()))).start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void stop() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
