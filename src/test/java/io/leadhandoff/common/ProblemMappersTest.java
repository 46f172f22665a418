package io.leadhandoff.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLIntegrityConstraintViolationException;
import org.junit.jupiter.api.Test;

class ProblemMappersTest {

    @Test
    void logsFailuresWithoutTheValuesInTheirMessages() {
        Exception failure = new IllegalStateException("could not insert ada@example.com",
                new SQLIntegrityConstraintViolationException("Duplicate entry 'ada@example.com' for key 'uk_lead_open_email'"));
        String logged = ProblemMappers.redacted(failure);
        assertThat(logged).contains("IllegalStateException").contains("SQLIntegrityConstraintViolationException")
                .doesNotContain("ada@example.com").doesNotContain("Duplicate entry");
    }

    @Test
    void aClientThatHungUpMidBodyIsNotAServerFailure() {
        assertThat(ProblemMappers.clientWentAway(new java.io.IOException(new java.io.IOException("stream reset")))).isTrue();
        assertThat(ProblemMappers.clientWentAway(new com.fasterxml.jackson.core.JsonParseException(null, "bad json"))).isFalse();
        assertThat(ProblemMappers.clientWentAway(new IllegalStateException("bug"))).isFalse();
        // found by the reliability harness: a client's 5 ms timeout reset the HTTP/2 stream mid-body
        IllegalStateException reset = new IllegalStateException();
        reset.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("io.vertx.core.http.impl.Http2ServerRequest", "checkEnded", "Http2ServerRequest.java", 205)});
        assertThat(ProblemMappers.clientWentAway(new RuntimeException(reset))).isTrue();
    }
}
