package io.leadhandoff.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadhandoff.Api;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 32, item 5: a 12 MiB batch is the same 413 problem whether it declares its length or is sent chunked, and
 * refusing it logs no ERROR (the HTTP layer's own bare 413 used to be written under the REST layer's answer).
 */
@QuarkusTest
class OversizedBatchTest {

    private static final int SIZE = 12 * 1024 * 1024;

    @TestHTTPResource("/api/v1/leads/batch")
    URL batch;

    private final List<LogRecord> errors = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stop() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void aChunkedOversizedBatchGetsTheSame413ProblemAsADeclaredOneAndNoErrorIsLogged() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        byte[] body = body();
        HttpResponse<String> declared = client.send(request(HttpRequest.BodyPublishers.ofByteArray(body)), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> chunked = client.send(request(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))),
                HttpResponse.BodyHandlers.ofString());
        for (HttpResponse<String> answer : List.of(declared, chunked)) {
            assertThat(answer.statusCode()).isEqualTo(413);
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(JsonPath.from(answer.body()).getString("type")).isEqualTo("urn:lead-handoff:problem:payload-too-large");
        }
        assertThat(JsonPath.from(chunked.body()).getString("detail")).isEqualTo(JsonPath.from(declared.body()).getString("detail"));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(errors).extracting(LogRecord::getMessage).isEmpty());
    }

    private HttpRequest request(HttpRequest.BodyPublisher body) throws Exception {
        return HttpRequest.newBuilder(new URI(batch.toString())).header("Authorization", "Bearer " + Api.ADMIN_KEY)
                .header("Content-Type", "application/json").POST(body).build();
    }

    /** A batch of about 12 MiB: one lead whose unknown field holds a long string. */
    private static byte[] body() {
        String head = "[{\"email\":\"a@b.example\",\"padding\":\"";
        return (head + "x".repeat(SIZE - head.length() - 3) + "\"}]").getBytes(StandardCharsets.US_ASCII);
    }
}
