package io.leadhandoff.console;

import static io.leadhandoff.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.leadhandoff.Api;
import io.leadhandoff.TestData;
import io.leadhandoff.report.CallerReports;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 32, item 1, as a sweep: every console page and export, opened with a key limited to one queue while a
 * second queue holds data (and a rep works in both), answers exactly what the matching API operation answers the
 * same key: the same status, the same CSV bytes, and nothing of the second queue.
 */
@QuarkusTest
class ConsoleScopeSweepTest {

    /** A console page or export and the API operation that computes it. */
    private record Pair(String console, String api, boolean csv) {
    }

    @Test
    void everyPageAndExportAnswersAQueueLimitedKeyWhatTheApiAnswersIt() {
        Console.RoutedQueue mine = Console.routedQueue();
        Console.RoutedQueue theirs = Console.routedQueue();
        String both = TestData.unique("rep-both");
        String mineViaBoth = ownedBy(both, mine.queueId());
        String theirsViaBoth = ownedBy(both, theirs.queueId());
        String myLead = Api.ingest(Map.of("email", mine.email()));
        Api.ingest(Map.of("email", TestData.unique("p").toLowerCase() + "@" + mineViaBoth));
        String theirLead = Api.ingest(Map.of("email", theirs.email()));
        for (int i = 0; i < 2; i++) {
            Api.ingest(Map.of("email", TestData.unique("p").toLowerCase() + "@" + theirsViaBoth));
        }
        String key = Api.apiKey(Map.of("scopes", List.of("reports:read", "leads:read", "work"), "queues", List.of(mine.queueId())));
        String session = Console.signIn(key);
        List<String> secondQueue = List.of(theirs.queueId(), theirs.rep(), theirs.domain(), theirsViaBoth, theirLead);

        List<Pair> sweep = sweep(myLead, theirLead);
        assertThat(sweep).hasSizeGreaterThan(15);
        for (Pair pair : sweep) {
            Response page = Console.page(session, pair.console());
            Response api = Api.as(key).accept(pair.csv() ? "text/csv" : "application/json").get(pair.api());
            assertThat(page.statusCode()).as(pair.console() + " answers as " + pair.api() + " does").isEqualTo(api.statusCode());
            if (page.statusCode() != 200) {
                continue;
            }
            assertThat(page.asString()).as(pair.console() + " holds nothing of the second queue").doesNotContain(secondQueue);
            if (pair.csv()) {
                assertThat(page.asString()).as(pair.console() + " is the API's CSV").isEqualTo(api.asString());
            }
        }
        Console.page(session, "/console").then().statusCode(303);
    }

    @Test
    void theRepGroupingIsRefusedToAQueueLimitedKeyOnThePageTheExportAndTheApi() {
        Console.RoutedQueue mine = Console.routedQueue();
        String key = Api.apiKey(Map.of("scopes", List.of("reports:read"), "queues", List.of(mine.queueId())));
        String session = Console.signIn(key);
        Console.page(session, "/console/lead-quality?groupBy=rep").then().statusCode(403);
        Console.page(session, "/console/lead-quality.csv?groupBy=rep").then().statusCode(403);
        Api.as(key).get("/api/v1/reports/lead-quality?groupBy=rep").then().statusCode(403);
        Console.page(session, "/console/lead-quality").then().statusCode(200)
                .body(not(containsString("value=\"rep\"")));
    }

    @Test
    void consolePagesReadReportsOnlyThroughTheCallersScope() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/java/io/leadhandoff/console"))) {
            List<String> direct = new ArrayList<>();
            for (Path file : files.toList()) {
                if (Files.readString(file).contains("io.leadhandoff.report.ReportService")) {
                    direct.add(file.getFileName().toString());
                }
            }
            assertThat(direct).as("console classes that read reports around CallerReports").isEmpty();
        }
    }

    /** Every console page and CSV export with its API operation; lead quality under every grouping and none. */
    private static List<Pair> sweep(String myLead, String theirLead) {
        List<Pair> pairs = new ArrayList<>();
        pairs.add(new Pair("/console/lead-quality", "/api/v1/reports/lead-quality?groupBy=queue", false));
        pairs.add(new Pair("/console/lead-quality.csv", "/api/v1/reports/lead-quality?groupBy=queue", true));
        for (String groupBy : CallerReports.GROUP_BY) {
            pairs.add(new Pair("/console/lead-quality?groupBy=" + groupBy, "/api/v1/reports/lead-quality?groupBy=" + groupBy, false));
            pairs.add(new Pair("/console/lead-quality.csv?groupBy=" + groupBy, "/api/v1/reports/lead-quality?groupBy=" + groupBy, true));
        }
        pairs.add(new Pair("/console/funnel", "/api/v1/reports/funnel", false));
        pairs.add(new Pair("/console/funnel.csv", "/api/v1/reports/funnel", true));
        pairs.add(new Pair("/console/sla.csv", "/api/v1/reports/sla", true));
        pairs.add(new Pair("/console/score-calibration.csv", "/api/v1/reports/score-calibration", true));
        pairs.add(new Pair("/console/queues", "/api/v1/reports/sla", false));
        pairs.add(new Pair("/console/models", "/api/v1/reports/score-calibration", false));
        pairs.add(new Pair("/console/leads", "/api/v1/leads", false));
        pairs.add(new Pair("/console/leads.csv", "/api/v1/leads", false));
        pairs.add(new Pair("/console/leads?sort=-score", "/api/v1/leads?sort=-score", false));
        pairs.add(new Pair("/console/leads/" + myLead, "/api/v1/leads/" + myLead, false));
        pairs.add(new Pair("/console/leads/" + theirLead, "/api/v1/leads/" + theirLead, false));
        return pairs;
    }

    /** An account domain owned by {@code rep} whose leads route to {@code queue}; the rep becomes a member of it. */
    private static String ownedBy(String rep, String queue) {
        String domain = TestData.unique("acct").toLowerCase() + ".example";
        given().contentType(ContentType.JSON).body(Map.of("maxOpen", 10)).put("/api/v1/queues/" + queue + "/members/" + rep)
                .then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("ownerRepId", rep, "queueId", queue, "name", "Both"))
                .put("/api/v1/accounts/" + domain).then().statusCode(200);
        return domain;
    }
}
