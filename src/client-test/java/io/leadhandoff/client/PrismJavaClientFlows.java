package io.leadhandoff.client;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ClientFlows} through a validating proxy: src/test/prism/run.sh starts the packaged service behind
 * {@code prism proxy --errors} and runs this class with {@code -Dprism.base-url} and {@code -Dprism.api-key}; any answer
 * (or request) outside openapi/openapi.yaml comes back from Prism as an error and fails the flow. Not a *Test: the
 * suite does not run it.
 */
class PrismJavaClientFlows {

    private ClientFlows flows;

    @BeforeEach
    void client() {
        String base = System.getProperty("prism.base-url");
        assumeTrue(base != null, "run by src/test/prism/run.sh");
        ApiClient client = new ApiClient();
        // HTTP/1.1: the JDK client otherwise offers an h2c upgrade on plain http, which Prism's proxy does not forward
        client.setHttpClientBuilder(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1));
        client.updateBaseUri(base.replaceAll("/$", ""));
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + System.getProperty("prism.api-key")));
        flows = new ClientFlows(client);
    }

    @Test
    void intakeClaimFeedbackReleaseAndErasure() throws Exception {
        flows.intakeClaimFeedbackReleaseAndErasure();
    }

    @Test
    void configurationReportsAndFeed() throws Exception {
        flows.configurationReportsAndFeed();
    }

    @Test
    void problemBodies() throws Exception {
        flows.problemBodiesDeserializeIntoTheClientsProblemModel();
    }
}
