package io.leadhandoff.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.leadhandoff.TestData;
import io.leadhandoff.client.api.AccountsApi;
import io.leadhandoff.client.api.EventsApi;
import io.leadhandoff.client.api.FeedbackApi;
import io.leadhandoff.client.api.LeadsApi;
import io.leadhandoff.client.api.QueuesApi;
import io.leadhandoff.client.api.ReportsApi;
import io.leadhandoff.client.api.RoutingApi;
import io.leadhandoff.client.api.ScoringApi;
import io.leadhandoff.client.api.SourcesApi;
import io.leadhandoff.client.api.WorkApi;
import io.leadhandoff.client.model.AccountRequest;
import io.leadhandoff.client.model.ClaimRequest;
import io.leadhandoff.client.model.ClaimResult;
import io.leadhandoff.client.model.ClaimedLead;
import io.leadhandoff.client.model.Condition;
import io.leadhandoff.client.model.FeedbackRequest;
import io.leadhandoff.client.model.IntakeResult;
import io.leadhandoff.client.model.LeadRequest;
import io.leadhandoff.client.model.LeaseExtension;
import io.leadhandoff.client.model.Outcome;
import io.leadhandoff.client.model.Problem;
import io.leadhandoff.client.model.QueueMemberRequest;
import io.leadhandoff.client.model.QueueRequest;
import io.leadhandoff.client.model.ReleaseRequest;
import io.leadhandoff.client.model.ReportGroupBy;
import io.leadhandoff.client.model.RoutingRule;
import io.leadhandoff.client.model.RoutingRules;
import io.leadhandoff.client.model.SourceKind;
import io.leadhandoff.client.model.SourceRequest;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What an integrating engineer does with the Java client openapi-generator makes from openapi/openapi.yaml, written
 * once: {@link GeneratedJavaClientTest} runs it against the service in the suite, {@link PrismJavaClientFlows} through
 * a validating proxy (Prism) in front of the packaged service.
 */
final class ClientFlows {

    private final ApiClient client;

    ClientFlows(ApiClient client) {
        this.client = client;
    }

    /** Queue, member and rule set up; two leads in; claimed, lease extended, one accepted, one released; both erased. */
    void intakeClaimFeedbackReleaseAndErasure() throws ApiException {
        String queue = TestData.unique("gen").toLowerCase();
        String domain = queue + ".example";
        QueuesApi queues = new QueuesApi(client);
        queues.createQueue(new QueueRequest().id(queue).name("Generated client"), null);
        queues.putQueueMember(queue, "rep-gen", new QueueMemberRequest(), null);
        assertThat(queues.getQueue(queue).getId()).isEqualTo(queue);
        assertThat(queues.getQueueMember(queue, "rep-gen").getRepId()).isEqualTo("rep-gen");
        assertThat(queues.listQueueMembers(queue, null, 10).getItems()).hasSize(1);
        RoutingApi routing = new RoutingApi(client);
        routing.replaceRoutingRules(new RoutingRules().defaultQueueId("inbound").rules(List.of(
                new RoutingRule().name("generated client").queueId(queue)
                        .when(new Condition().field("domain").op(Condition.OpEnum.EQUALS).value(domain)))), null);
        try {
            assertThat(routing.getRoutingRules().getRules().getRules()).hasSize(1);
            LeadsApi leads = new LeadsApi(client);
            IntakeResult first = leads.ingestLead(new LeadRequest().email("ada@" + domain).firstName("Ada").source("generated"), null);
            IntakeResult second = leads.ingestLead(new LeadRequest().email("grace@" + domain), null);
            assertThat(first.getLead().getQueueId()).isEqualTo(queue);
            assertThat(second.getLead().getLastName()).isNull();

            WorkApi work = new WorkApi(client);
            ClaimResult claims = work.claimLeads(queue, new ClaimRequest().repId("rep-gen").count(2), null);
            Map<String, String> tokens = claims.getClaimed().stream()
                    .collect(Collectors.toMap(c -> c.getLead().getId(), ClaimedLead::getLeaseToken));
            assertThat(tokens).containsOnlyKeys(first.getLead().getId(), second.getLead().getId());
            String firstId = first.getLead().getId();
            String secondId = second.getLead().getId();
            work.extendLease(firstId, new LeaseExtension().leaseToken(tokens.get(firstId)).leaseSeconds(600), null);
            assertThat(work.listRepLeads("rep-gen", null, 10).getItems()).isNotEmpty();

            new FeedbackApi(client).giveFeedback(firstId, new FeedbackRequest().outcome(Outcome.ACCEPTED)
                    .repId("rep-gen").leaseToken(tokens.get(firstId)), null);
            work.releaseLead(secondId, new ReleaseRequest().leaseToken(tokens.get(secondId)), null);
            assertThat(leads.getLead(firstId).getStatus().getValue()).isEqualTo("accepted");
            assertThat(leads.getLead(secondId).getStatus().getValue()).isEqualTo("queued");
            assertThat(leads.getLeadHistory(firstId, null, 50).getItems()).isNotEmpty();
            assertThat(leads.listLeads(null, null, null, null, domain, null, null, null, 10, null, null, null, null, null, null, null, null, null, null,
                    null, null).getItems())
                    .hasSize(2);
            leads.eraseLead(firstId, null);
            leads.eraseLead(secondId, null);
            assertThat(leads.getLead(firstId).getEmail()).isNull();
        } finally {
            routing.replaceRoutingRules(new RoutingRules().minScore(0).defaultQueueId("inbound").rules(List.of()), null);
        }
        queues.deleteQueueMember(queue, "rep-gen", null);
    }

    /** Sources, accounts, scoring, reports and the change feed, read back as configured (fields left unset stay unset). */
    void configurationReportsAndFeed() throws ApiException {
        SourcesApi sources = new SourcesApi(client);
        String source = TestData.unique("src").toLowerCase();
        sources.createSource(new SourceRequest().id(source).kind(SourceKind.GENERIC).name("Generated client")
                .secrets(List.of("s3cret-" + source)).mapping(Map.of("email", "/email")), null);
        assertThat(sources.getSource(source).getSecretField()).isNull();
        assertThat(sources.listSources(null, 100).getItems()).isNotEmpty();
        sources.deleteSource(source, null);

        AccountsApi accounts = new AccountsApi(client);
        String domain = TestData.unique("acct").toLowerCase() + ".example";
        String account = accounts.createAccount(new AccountRequest().name("Generated client").domains(List.of(domain))
                .ownerRepId("rep-owner"), null).getId();
        assertThat(accounts.getAccount(account).getOwnerRepId()).isEqualTo("rep-owner");
        accounts.deleteAccount(account, null);

        ScoringApi scoring = new ScoringApi(client);
        assertThat(scoring.listScoringModels(null, 10).getItems()).isNotEmpty();
        assertThat(scoring.previewScore(new LeadRequest().email("preview@" + domain), null).getScore()).isNotNull();

        ReportsApi reports = new ReportsApi(client);
        assertThat(reports.funnelReport(null, null)).isNotNull();
        assertThat(reports.leadQualityReport(ReportGroupBy.SOURCE, null, null, null)).isNotNull();
        assertThat(reports.slaReport(null, null)).isNotNull();
        assertThat(reports.scoreCalibrationReport(null, null, null)).isNotNull();
        assertThat(new EventsApi(client).listEvents(null, 10).getItems()).isNotNull();
    }

    /** A problem answer reads into the client's Problem model. */
    void problemBodiesDeserializeIntoTheClientsProblemModel() throws Exception {
        ApiException e = catchThrowableOfType(ApiException.class, () -> new LeadsApi(client).getLead("7ZZZZZZZZZZZZZZZZZZZZZZZZZ"));

        Problem problem = client.getObjectMapper().readValue(e.getResponseBody(), Problem.class);

        assertThat(e.getCode()).isEqualTo(404);
        assertThat(problem.getStatus()).isEqualTo(404);
        assertThat(problem.getType()).hasToString("urn:lead-handoff:problem:not-found");
        assertThat(problem.getRequestId()).isNotBlank();
    }
}
