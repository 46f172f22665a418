package io.leadhandoff.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.leadhandoff.Api;
import io.leadhandoff.TestData;
import io.leadhandoff.client.api.FeedbackApi;
import io.leadhandoff.client.api.LeadsApi;
import io.leadhandoff.client.api.QueuesApi;
import io.leadhandoff.client.api.RoutingApi;
import io.leadhandoff.client.api.WorkApi;
import io.leadhandoff.client.model.ClaimRequest;
import io.leadhandoff.client.model.ClaimResult;
import io.leadhandoff.client.model.ClaimedLead;
import io.leadhandoff.client.model.Condition;
import io.leadhandoff.client.model.FeedbackRequest;
import io.leadhandoff.client.model.IntakeResult;
import io.leadhandoff.client.model.LeadRequest;
import io.leadhandoff.client.model.Outcome;
import io.leadhandoff.client.model.Problem;
import io.leadhandoff.client.model.QueueMemberRequest;
import io.leadhandoff.client.model.QueueRequest;
import io.leadhandoff.client.model.ReleaseRequest;
import io.leadhandoff.client.model.RoutingRule;
import io.leadhandoff.client.model.RoutingRules;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Java client that openapi-generator makes from openapi/openapi.yaml (java, native library), driving the
 * main flow against the running service as an integrating engineer would. Compiled and run by -Pclients.
 */
@QuarkusTest
class GeneratedJavaClientTest {

    @TestHTTPResource("/")
    URI base;

    private ApiClient client;

    @BeforeEach
    void client() {
        client = new ApiClient();
        client.updateBaseUri(base.toString().replaceAll("/$", ""));
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + Api.ADMIN_KEY));
    }

    @AfterEach
    void restoreRules() {
        Api.restoreDefaultRules();
    }

    @Test
    void drivesIntakeClaimFeedbackReleaseAndErasure() throws Exception {
        // given a queue with one rep, and a rule (written through the client's Condition model) that sends our leads there
        String queue = TestData.unique("gen").toLowerCase();
        String domain = queue + ".example";
        new QueuesApi(client).createQueue(new QueueRequest().id(queue).name("Generated client"));
        new QueuesApi(client).putQueueMember(queue, "rep-gen", new QueueMemberRequest());
        new RoutingApi(client).replaceRoutingRules(new RoutingRules().defaultQueueId("inbound").rules(List.of(
                new RoutingRule().name("generated client").queueId(queue)
                        .when(new Condition().field("domain").op(Condition.OpEnum.EQUALS).value(domain)))));

        // when two leads come in and the rep claims them
        LeadsApi leads = new LeadsApi(client);
        IntakeResult first = leads.ingestLead(new LeadRequest().email("ada@" + domain).firstName("Ada").source("generated"), null);
        IntakeResult second = leads.ingestLead(new LeadRequest().email("grace@" + domain).firstName("Grace").source("generated"), null);
        assertThat(first.getLead().getQueueId()).isEqualTo(queue);
        ClaimResult claims = new WorkApi(client).claimLeads(queue, new ClaimRequest().repId("rep-gen").count(2), null);
        Map<String, String> tokens = claims.getClaimed().stream()
                .collect(Collectors.toMap(c -> c.getLead().getId(), ClaimedLead::getLeaseToken));
        assertThat(tokens).containsOnlyKeys(first.getLead().getId(), second.getLead().getId());

        // then one is accepted, the other released, and both erased
        new FeedbackApi(client).giveFeedback(first.getLead().getId(), new FeedbackRequest().outcome(Outcome.ACCEPTED)
                .repId("rep-gen").leaseToken(tokens.get(first.getLead().getId())), null);
        new WorkApi(client).releaseLead(second.getLead().getId(), new ReleaseRequest().leaseToken(tokens.get(second.getLead().getId())), null);
        assertThat(leads.getLead(first.getLead().getId()).getStatus().getValue()).isEqualTo("accepted");
        assertThat(leads.getLead(second.getLead().getId()).getStatus().getValue()).isEqualTo("queued");
        leads.eraseLead(first.getLead().getId());
        leads.eraseLead(second.getLead().getId());
        assertThat(leads.getLead(first.getLead().getId()).getEmail()).isNull();
    }

    @Test
    void problemBodiesDeserializeIntoTheClientsProblemModel() throws Exception {
        ApiException e = catchThrowableOfType(ApiException.class,
                () -> new LeadsApi(client).getLead("01NOSUCHLEAD0000000000000"));

        Problem problem = client.getObjectMapper().readValue(e.getResponseBody(), Problem.class);

        assertThat(e.getCode()).isEqualTo(404);
        assertThat(problem.getStatus()).isEqualTo(404);
        assertThat(problem.getType()).hasToString("urn:lead-handoff:problem:not-found");
        assertThat(problem.getRequestId()).isNotBlank();
    }
}
