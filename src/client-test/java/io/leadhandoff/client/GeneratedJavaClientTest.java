package io.leadhandoff.client;

import io.leadhandoff.Api;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Java client that openapi-generator makes from openapi/openapi.yaml (java, native library), driving the
 * flows of {@link ClientFlows} against the running service as an integrating engineer would. Compiled and run by -Pclients.
 */
@QuarkusTest
class GeneratedJavaClientTest {

    @TestHTTPResource("/")
    URI base;

    private ClientFlows flows;

    @BeforeEach
    void client() {
        ApiClient client = new ApiClient();
        client.updateBaseUri(base.toString().replaceAll("/$", ""));
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + Api.ADMIN_KEY));
        flows = new ClientFlows(client);
    }

    @Test
    void drivesIntakeClaimFeedbackReleaseAndErasure() throws Exception {
        flows.intakeClaimFeedbackReleaseAndErasure();
    }

    @Test
    void readsConfigurationReportsAndTheFeed() throws Exception {
        flows.configurationReportsAndFeed();
    }

    @Test
    void problemBodiesDeserializeIntoTheClientsProblemModel() throws Exception {
        flows.problemBodiesDeserializeIntoTheClientsProblemModel();
    }
}
