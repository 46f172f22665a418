package io.leadhandoff.lead;

import static io.leadhandoff.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.leadhandoff.Api;
import io.leadhandoff.TestData;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lead list's report filters find the leads a report counts: a report's number and the list behind it agree. */
@QuarkusTest
class LeadListReportFiltersTest {

    @Test
    void leadQualityCountsEqualTheListsBehindThem() {
        String source = TestData.unique("lq");
        String campaign = TestData.unique("camp");
        List<String> reasons = List.of("NO_BUDGET", "NOT_A_FIT", "NO_BUDGET");
        for (int i = 0; i < 7; i++) {
            String lead = Api.ingest(Map.of("email", TestData.uniqueEmail(), "source", source, "campaign", campaign));
            if (i < 3) {
                Api.feedback(lead, Map.of("outcome", "REJECTED", "reason", reasons.get(i))).then().statusCode(200);
            } else if (i < 6) {
                Api.feedback(lead, Map.of("outcome", "ACCEPTED")).then().statusCode(200);
            }
        }
        // reports are exact as of their refresh from the change feed, which may trail the lead table for a moment
        Map<String, Object> row = await().atMost(Duration.ofSeconds(30)).until(() -> given().queryParam("groupBy", "source")
                .get("/api/v1/reports/lead-quality").then().statusCode(200).extract().<Map<String, Object>>path("rows.find { it.group == '" + source + "' }"),
                r -> r != null && ((Number) r.get("received")).intValue() == 7 && ((Number) r.get("rejected")).intValue() == 3);
        assertThat(ids(Map.of("source", source))).hasSize(((Number) row.get("received")).intValue()).hasSize(7);
        assertThat(ids(Map.of("source", source, "outcome", "accepted"))).hasSize(((Number) row.get("accepted")).intValue()).hasSize(3);
        assertThat(ids(Map.of("source", source, "outcome", "rejected"))).hasSize(((Number) row.get("rejected")).intValue()).hasSize(3);
        assertThat(ids(Map.of("source", source, "rejectionReason", "NO_BUDGET"))).hasSize(2);
        assertThat(ids(Map.of("campaign", campaign, "outcome", "rejected", "rejectionReason", "NOT_A_FIT"))).hasSize(1);
    }

    @Test
    void searchFindsByNameCompanyEmailAndId() {
        String company = TestData.unique("Zyx Widgets");
        String email = TestData.uniqueEmail();
        String id = Api.ingest(Map.of("email", email, "firstName", "Ada", "lastName", TestData.unique("Lovelace"), "company", company));
        assertThat(ids(Map.of("q", company.toLowerCase()))).containsExactly(id);
        assertThat(ids(Map.of("q", email.substring(0, email.indexOf('@')).toUpperCase()))).containsExactly(id);
        assertThat(ids(Map.of("q", id))).containsExactly(id);
        assertThat(ids(Map.of("q", "%_no-such-lead_%"))).isEmpty();
    }

    @Test
    void sortedPagesWalkEveryLeadOnceInScoreOrder() {
        String source = TestData.unique("sorted");
        List<String> titles = List.of("VP Sales", "Intern", "CEO", "Engineer", "Director of Marketing");
        for (String title : titles) {
            Api.ingest(Map.of("email", TestData.uniqueEmail(), "source", source, "title", title, "company", "Acme"));
        }
        List<Integer> scores = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var page = given().queryParam("source", source).queryParam("sort", "-score").queryParam("limit", 2)
                    .queryParams(cursor == null ? Map.of() : Map.of("cursor", cursor)).get("/api/v1/leads").then().statusCode(200).extract();
            scores.addAll(page.path("items.score.total"));
            seen.addAll(page.path("items.id"));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        assertThat(seen).hasSize(5).doesNotHaveDuplicates();
        assertThat(scores).isSortedAccordingTo((a, b) -> Integer.compare(b, a));
    }

    @Test
    void refusesAnUnknownOutcomeOrBand() {
        given().queryParam("outcome", "maybe").get("/api/v1/leads").then().statusCode(422).body(containsString("outcome"));
        given().queryParam("scoreBand", "15").get("/api/v1/leads").then().statusCode(422).body(containsString("scoreBand"));
        given().queryParam("sort", "email").get("/api/v1/leads").then().statusCode(422).body(containsString("sort"));
    }

    private static List<String> ids(Map<String, String> filters) {
        return given().queryParams(filters).queryParam("limit", 200).get("/api/v1/leads").then().statusCode(200).extract().path("items.id");
    }
}
