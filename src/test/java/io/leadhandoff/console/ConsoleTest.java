package io.leadhandoff.console;

import static io.leadhandoff.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.leadhandoff.Api;
import io.leadhandoff.TestClock;
import io.leadhandoff.TestData;
import io.leadhandoff.security.Secrets;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ConsoleTest {

    @Inject
    TestClock clock;

    @Inject
    io.leadhandoff.work.SlaService sla;

    static final List<String> PAGES = List.of("/console", "/console/lead-quality", "/console/lead-quality.csv", "/console/funnel",
            "/console/queues", "/console/models", "/console/leads", "/console/leads.csv", "/console/leads/01JDB7T3V8Q5M4N2P1R0S9T8U7",
            "/console/funnel.csv", "/console/sla.csv", "/console/score-calibration.csv");

    @Inject
    EntityManager em;

    @Test
    void rootRedirectsToTheConsole() {
        RestAssured.given().redirects().follow(false).get("/").then().statusCode(303).header("Location", endsWith("/console"));
    }

    @Test
    void signedOutPagesRedirectToSignIn() {
        for (String page : PAGES) {
            RestAssured.given().redirects().follow(false).get(page).then().statusCode(303)
                    .header("Location", endsWith("/console/sign-in"));
            Console.page("not-a-session", page).then().statusCode(303).header("Location", endsWith("/console/sign-in?ended=session"));
        }
    }

    @Test
    void signInSetsAnHttpOnlyStrictSecureExpiringCookieThatIsNotTheKey() {
        Response answer = RestAssured.given().redirects().follow(false).formParam("apiKey", Api.ADMIN_KEY).post("/console/session");
        answer.then().statusCode(303).header("Location", endsWith("/console"));
        String setCookie = answer.getHeader("Set-Cookie");
        assertThat(setCookie).startsWith(ConsoleAuth.COOKIE + "=").contains("HttpOnly").contains("Secure")
                .containsIgnoringCase("SameSite=Strict").contains("Max-Age=28800").contains("Path=/console")
                .doesNotContain(Api.ADMIN_KEY);
        String token = answer.getCookie(ConsoleAuth.COOKIE);
        assertThat(storedHashes(token)).as("the session row keeps the token's SHA-256, not the token").containsExactly(Secrets.sha256Hex(token));
        Console.page(token, "/console").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("Signed in with bootstrap admin key"));
    }

    @Test
    void anInvalidKeyIsRefusedWithoutASession() {
        Response answer = RestAssured.given().redirects().follow(false).formParam("apiKey", "lh_aaaaaaaaaa_" + "b".repeat(32))
                .post("/console/session");
        answer.then().statusCode(401).contentType(containsString("text/html")).body(containsString("not valid"));
        assertThat(answer.getHeader("Set-Cookie")).isNull();
    }

    @Test
    void signOutEndsTheSessionOnTheServer() {
        String session = Console.signIn(Api.ADMIN_KEY);
        RestAssured.given().redirects().follow(false).cookie(ConsoleAuth.COOKIE, session).post("/console/sign-out")
                .then().statusCode(303).header("Location", endsWith("/console/sign-in")).header("Set-Cookie", containsString("Max-Age=0"));
        Console.page(session, "/console").then().statusCode(303).header("Location", endsWith("/console/sign-in?ended=session"));
        RestAssured.get("/console/sign-in?ended=session").then().statusCode(200).body(containsString("Your session has ended"));
    }

    @Test
    void revokingTheKeyEndsItsSessions() {
        Response created = given().contentType(ContentType.JSON).body(Map.of("name", TestData.unique("key"), "scopes", List.of("reports:read")))
                .post("/api/v1/api-keys");
        String session = Console.signIn(created.path("key"));
        Console.page(session, "/console/funnel").then().statusCode(200);
        String id = created.path("apiKey.id");
        given().delete("/api/v1/api-keys/" + id).then().statusCode(204);
        String location = Console.page(session, "/console/funnel").then().statusCode(303).extract().header("Location");
        assertThat(location).containsPattern("/console/sign-in\\?ended=(key|session)$");
        RestAssured.get(location).then().statusCode(200).body(containsString("Sign in"))
                .body(org.hamcrest.Matchers.anyOf(containsString("revoked"), containsString("Your session has ended")));
    }

    @Test
    void anUnknownConsoleAddressIsAnHtmlPageThatKeepsTheSignedInHeader() {
        String session = Console.signIn(Api.ADMIN_KEY);
        Console.page(session, "/console/no-such-page").then().statusCode(404).contentType(containsString("text/html"))
                .body(containsString("Page not found")).body(containsString("Signed in with")).body(containsString("href=\"/console/leads\""));
        Console.page(session, "/console/leads/01JDB7T3V8Q5M4N2P1R0S9T8U7").then().statusCode(404).contentType(containsString("text/html"))
                .body(containsString("Signed in with"));
        RestAssured.get("/console/assets/console.css").then().statusCode(200).contentType(containsString("text/css"));
    }

    @Test
    void aQueueLimitedKeySeesOnlyTheMenuEntriesItCanOpen() {
        Console.RoutedQueue queue = Console.routedQueue();
        String key = Api.apiKey(Map.of("scopes", List.of("reports:read", "leads:read"), "queues", List.of(queue.queueId())));
        String page = Console.page(Console.signIn(key), "/console/queues").then().statusCode(200).extract().asString();
        assertThat(page).contains("href=\"/console/queues\"", "href=\"/console/lead-quality\"", "href=\"/console/leads\"")
                .doesNotContain("href=\"/console\"", "href=\"/console/funnel\"", "href=\"/console/models\"");
    }

    @Test
    void responsesCarryAStrictContentSecurityPolicy() {
        String session = Console.signIn(Api.ADMIN_KEY);
        for (Response answer : List.of(Console.page(session, "/console"), RestAssured.get("/console/sign-in"),
                RestAssured.get("/console/assets/console.css"))) {
            answer.then().header("X-Content-Type-Options", "nosniff")
                    .header("Content-Security-Policy", containsString("default-src 'none'"))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                    .header("Content-Security-Policy", not(containsString("script-src")));
        }
        Console.page(session, "/console").then().body(not(containsString("<script"))).body(not(containsString("style=")));
    }

    @Test
    void eachPageNeedsTheScopeOfItsApi() {
        String leadsOnly = Console.signIn(Api.apiKey(Map.of("scopes", List.of("leads:read"))));
        Console.page(leadsOnly, "/console/lead-quality").then().statusCode(403).contentType(containsString("text/html"))
                .body(containsString("reports:read"));
        String reportsOnly = Console.signIn(Api.apiKey(Map.of("scopes", List.of("reports:read"))));
        String lead = Api.ingest(Map.of("email", TestData.uniqueEmail()));
        Console.page(reportsOnly, "/console/leads/" + lead).then().statusCode(403).body(containsString("leads:read"));
        Console.page(reportsOnly, "/console/models").then().statusCode(200).body(containsString("needs the <code>admin</code> scope"));
        Console.page(reportsOnly, "/console/queues").then().statusCode(200).body(containsString("need the <code>work</code> scope"));
    }

    @Test
    void aQueueLimitedKeySeesOnlyItsQueues() {
        Console.RoutedQueue mine = Console.routedQueue();
        Console.RoutedQueue theirs = Console.routedQueue();
        String myLead = Api.ingest(Map.of("email", mine.email()));
        String theirLead = Api.ingest(Map.of("email", theirs.email()));
        String admin = Console.signIn(Api.ADMIN_KEY);
        Console.page(admin, "/console/lead-quality?groupBy=rep").then().body(containsString(mine.rep())).body(containsString(theirs.rep()));
        Console.page(admin, "/console/queues").then().body(containsString(theirs.queueId()));
        String session = Console.signIn(Api.apiKey(Map.of("scopes", List.of("reports:read", "leads:read", "work"), "queues", List.of(mine.queueId()))));
        Console.page(session, "/console/queues").then().statusCode(200)
                .body(containsString(mine.queueId())).body(containsString(mine.rep()))
                .body(not(containsString(theirs.queueId()))).body(not(containsString(theirs.rep())));
        Console.page(session, "/console/lead-quality?groupBy=queue").then().statusCode(200)
                .body(containsString(mine.queueId())).body(not(containsString(theirs.queueId())));
        Console.page(session, "/console").then().statusCode(303).header("Location", containsString("/console/queues"));
        for (String coveringEveryQueue : List.of("/console/funnel", "/console/models", "/console/lead-quality?groupBy=source",
                "/console/lead-quality?groupBy=campaign", "/console/lead-quality?groupBy=rep", "/console/lead-quality.csv?groupBy=scoreBand",
                "/console/funnel.csv", "/console/score-calibration.csv")) {
            Console.page(session, coveringEveryQueue).then().statusCode(403).body(containsString("limited to queues"));
        }
        Console.page(session, "/console/sla.csv").then().statusCode(200)
                .body(containsString(mine.queueId())).body(not(containsString(theirs.queueId())));
        Console.page(session, "/console/leads/" + myLead).then().statusCode(200);
        Console.page(session, "/console/leads/" + theirLead).then().statusCode(404).contentType(containsString("text/html"));
    }

    @Test
    void theLeadPageLinksThePersonsCyclesBothWays() {
        String email = TestData.uniqueEmail();
        String first = Api.ingest(Map.of("email", email));
        Api.feedback(first, Map.of("outcome", "RECYCLED", "reason", "BAD_TIMING")).then().statusCode(200);
        String second = Api.ingest(Map.of("email", email));
        String session = Console.signIn(Api.ADMIN_KEY);
        Console.page(session, "/console/leads/" + second).then().statusCode(200)
                .body(containsString("Cycle 2 of this person"))
                .body(containsString("id=\"previous-cycle\" href=\"/console/leads/" + first + "\""))
                .body(not(containsString("id=\"next-cycle\"")));
        Console.page(session, "/console/leads/" + first).then().statusCode(200)
                .body(containsString("Cycle 1 of this person"))
                .body(containsString("id=\"next-cycle\" href=\"/console/leads/" + second + "\""));
    }

    @Test
    void leadFieldsRenderAsText() {
        String hostile = "<script>alert('x')</script>";
        String campaign = TestData.unique("<img src=x onerror=alert(1)>");
        String lead = Api.ingest(Map.of("email", TestData.uniqueEmail(), "company", hostile, "firstName", "<b>Ada</b>", "campaign", campaign));
        String session = Console.signIn(Api.ADMIN_KEY);
        Console.page(session, "/console/leads/" + lead).then().statusCode(200)
                .body(containsString("&lt;script&gt;alert(")).body(not(containsString(hostile))).body(not(containsString("<b>Ada")));
        Console.page(session, "/console/lead-quality?groupBy=campaign").then().statusCode(200)
                .body(containsString("&lt;img src=x onerror=alert(1)&gt;")).body(not(containsString("<img src=x")));
    }

    @Test
    void leadQualityShowsTheApiNumbersRankedByAcceptance() {
        String good = TestData.unique("src-good");
        String poor = TestData.unique("src-poor");
        Instant from = clock.instant().minusSeconds(1);
        Api.feedback(ingest(good), Map.of("outcome", "ACCEPTED")).then().statusCode(200);
        Api.feedback(ingest(poor), Map.of("outcome", "ACCEPTED")).then().statusCode(200);
        Api.feedback(ingest(poor), Map.of("outcome", "REJECTED", "reason", "NO_BUDGET")).then().statusCode(200);
        Map<String, Object> api = given().queryParam("groupBy", "source").queryParam("from", from.toString())
                .get("/api/v1/reports/lead-quality").then().statusCode(200).extract().path("rows.find { it.group == '" + poor + "' }");
        String html = Console.page(Console.signIn(Api.ADMIN_KEY), "/console/lead-quality?groupBy=source&from=" + from)
                .then().statusCode(200).extract().asString().replaceAll(">\\s+<", "><")
                .replaceAll("<a href=\"/console/leads[^\"]*\">|</a>", ""); // counts link to their leads
        assertThat(api.get("acceptanceRate")).isEqualTo(0.5f);
        assertThat(html).contains("<th scope=\"row\">" + poor + "</th><td class=\"num\">" + api.get("received") + "</td><td class=\"num\">"
                + api.get("accepted") + "</td><td class=\"num\">" + api.get("rejected") + "</td><td class=\"num\">50.0 %</td>");
        assertThat(html).contains("No budget (1)");
        assertThat(html.indexOf(">" + good + "<")).as("100 %% ranks above 50 %%").isPositive().isLessThan(html.indexOf(">" + poor + "<"));
    }

    @Test
    void csvDownloadIsTheApiCsv() {
        String source = TestData.unique("src-csv");
        ingest(source);
        String query = "groupBy=source&from=" + clock.instant().minusSeconds(3600) + "&to=" + clock.instant().plusSeconds(60);
        String api = given().accept("text/csv").get("/api/v1/reports/lead-quality?" + query).then().statusCode(200).extract().asString();
        Console.page(Console.signIn(Api.ADMIN_KEY), "/console/lead-quality.csv?" + query).then().statusCode(200)
                .contentType(containsString("text/csv")).body(equalTo(api)).body(containsString(source));
    }

    /** Every report the API answers as CSV downloads from its page: the same bytes, a file name that says what and when. */
    @Test
    void eachReportPageDownloadsTheApisCsvNamedForWhatAndWhen() {
        Console.RoutedQueue queue = Console.routedQueue();
        Api.feedback(Api.ingest(Map.of("email", queue.email())), Map.of("outcome", "ACCEPTED")).then().statusCode(200);
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        String query = "from=" + from + "&to=" + clock.instant().plusSeconds(60);
        String session = Console.signIn(Api.ADMIN_KEY);
        String day = java.time.LocalDate.ofInstant(clock.instant().plusSeconds(59), java.time.ZoneOffset.UTC).toString();
        Map<String, String> downloads = Map.of(
                "/console/funnel.csv?" + query, "/api/v1/reports/funnel?" + query,
                "/console/sla.csv?" + query, "/api/v1/reports/sla?" + query,
                "/console/score-calibration.csv?version=1&" + query, "/api/v1/reports/score-calibration?version=1&" + query);
        downloads.forEach((console, api) -> {
            String expected = given().accept("text/csv").get(api).then().statusCode(200).extract().asString();
            String what = console.substring("/console/".length(), console.indexOf(".csv"));
            Console.page(session, console).then().statusCode(200).contentType(containsString("text/csv")).body(equalTo(expected))
                    .header("Content-Disposition", containsString((what.equals("score-calibration") ? "score-calibration-model-1" : what)
                            + "_2026-01-01_" + day + ".csv"));
        });
        assertThat(Console.page(session, "/console/sla.csv?" + query).asString()).contains(queue.queueId()).startsWith("queues\r\n");
        String inHtml = query.replace("&", "&amp;");
        Console.page(session, "/console/funnel?" + query).then().body(containsString("href=\"/console/funnel.csv?" + inHtml + "\""));
        Console.page(session, "/console/queues?" + query).then().body(containsString("href=\"/console/sla.csv?" + inHtml + "\""));
        Console.page(session, "/console/models?" + query).then().body(containsString("href=\"/console/score-calibration.csv?version=1&amp;" + inHtml + "\""));
    }

    @Test
    void queueAndRepTablesSortByTheColumnAsked() {
        Console.RoutedQueue busy = Console.routedQueue();
        Console.RoutedQueue quiet = Console.routedQueue();
        Api.ingest(Map.of("email", busy.email()));
        Api.ingest(Map.of("email", busy.email()));
        String session = Console.signIn(Api.ADMIN_KEY);
        String html = Console.page(session, "/console/queues?sort=-waiting").then().statusCode(200).extract().asString();
        assertThat(html.indexOf("<th scope=\"row\">" + busy.queueId())).as("the queue with more waiting leads first").isPositive()
                .isLessThan(html.indexOf("<th scope=\"row\">" + quiet.queueId()));
        assertThat(html).contains("aria-sort=\"descending\"><a href=\"/console/queues?");
        html = Console.page(session, "/console/queues?sort=waiting").then().statusCode(200).extract().asString();
        assertThat(html.indexOf("<th scope=\"row\">" + quiet.queueId())).isPositive().isLessThan(html.indexOf("<th scope=\"row\">" + busy.queueId()));
        html = Console.page(session, "/console/queues?repSort=openLeads&sort=queue").then().statusCode(200).extract().asString();
        assertThat(html).contains("aria-sort=\"ascending\"><a href=\"/console/queues?").contains("&amp;repSort=openLeads&amp;sort=-queue\"");
        Console.page(session, "/console/queues?sort=colour").then().statusCode(422).contentType(containsString("text/html"))
                .body(containsString("must be one of"));
        Console.page(session, "/console/queues?repSort=colour").then().statusCode(422);
    }

    /** The SLA report's row of a queue itself (repId "queue") is the queue's own row in the reps table, not a rep named "queue". */
    @Test
    void breachesOfLeadsThatWaitedWithNoRepShowAsTheQueuesOwnRow() {
        String queue;
        try {
            queue = Api.routedQueue("round-robin", Map.of("slaMinutes", 5));
            Api.ingest(Map.of("email", TestData.uniqueEmail()));
        } finally {
            Api.restoreDefaultRules();
        }
        clock.advance(java.time.Duration.ofMinutes(6));
        sla.escalate(clock.instant(), 1000);
        given().get("/api/v1/reports/sla").then().statusCode(200)
                .body("reps.find { it.queueId == '" + queue + "' }.repId", equalTo("queue"));
        String html = Console.page(Console.signIn(Api.ADMIN_KEY), "/console/queues").then().statusCode(200).extract().asString()
                .replaceAll(">\\s+<", "><");
        assertThat(html).contains("<tr><td>" + queue + "</td><th scope=\"row\">" + QueuesPage.NO_REP + "</th><td>" + Fmt.NONE + "</td>");
    }

    @Test
    void leadQualityShowsWhyLeadsWereRejectedAndTheTrendDayByDay() {
        // a week of its own: what other tests stored lies before it
        java.time.LocalDate today = java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC).plusDays(7);
        clock.advance(java.time.Duration.between(clock.instant(), today.atStartOfDay(java.time.ZoneOffset.UTC).toInstant()));
        String source = TestData.unique("src-trend");
        Api.feedback(ingest(source), Map.of("outcome", "ACCEPTED")).then().statusCode(200);
        Api.feedback(ingest(source), Map.of("outcome", "REJECTED", "reason", "NO_BUDGET")).then().statusCode(200);
        Api.feedback(ingest(source), Map.of("outcome", "REJECTED", "reason", "NOT_A_FIT")).then().statusCode(200);
        // reports are exact as of their refresh from the change feed, which may trail the lead table for a moment
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> given().queryParam("groupBy", "source")
                .queryParam("from", today.atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toString()).get("/api/v1/reports/lead-quality")
                .then().statusCode(200).extract().<Integer>path("rows.find { it.group == '" + source + "' }.rejected"), r -> r != null && r == 2);
        String session = Console.signIn(Api.ADMIN_KEY);
        String html = Console.page(session, "/console/lead-quality?groupBy=source&from=" + today.minusDays(6) + "&to=" + today)
                .then().statusCode(200).extract().asString().replaceAll(">\\s+<", "><");
        assertThat(html).contains("Trend, day by day").contains("<th scope=\"col\" class=\"num\">" + today + "</th>");
        String row = html.substring(html.indexOf("<table id=\"trend-table\">"));
        row = row.substring(row.indexOf(source + "</th>"), row.indexOf("</tr>", row.indexOf(source + "</th>")));
        assertThat(row.split("<td").length - 1).as("a cell per day").isEqualTo(7);
        String dayFrom = LeadListPage.enc(today.atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toString());
        String dayTo = LeadListPage.enc(today.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toString());
        assertThat(row).endsWith("&amp;outcome=accepted&amp;from=" + dayFrom + "&amp;to=" + dayTo + "\" aria-label=\"1 accepted\">1</a><br>33.3 % <span class=\"change\">"
                + Fmt.NONE + "</span></td>").contains("&amp;from=" + dayFrom + "&amp;to=" + dayTo + "\" aria-label=\"3 received\">3</a> · ");
        html = Console.page(session, "/console/lead-quality?groupBy=source&from=" + today + "&to=" + today)
                .then().statusCode(200).extract().asString().replaceAll(">\\s+<", "><");
        String reasons = html.substring(html.indexOf("<table id=\"reasons-table\">"), html.indexOf("</table>", html.indexOf("<table id=\"reasons-table\">")));
        assertThat(reasons).contains("<th scope=\"col\" class=\"num\">No budget</th>").contains("<th scope=\"col\" class=\"num\">Not a fit (");
        String reasonRow = reasons.substring(reasons.indexOf(source + "</th>"));
        assertThat(reasonRow).contains("rejectionReason=NO_BUDGET").contains("rejectionReason=NOT_A_FIT")
                .contains("outcome=rejected").contains(">2</a></td></tr>");
        assertThat(html).contains("Rejected leads by source and reason");
        Console.page(session, "/console/lead-quality?groupBy=source&from=" + today.minusDays(60) + "&to=" + today).then().statusCode(200)
                .body(containsString("Trend, week by week"));
        Console.page(session, "/console/lead-quality?groupBy=source&from=" + today.minusDays(400) + "&to=" + today).then().statusCode(200)
                .body(containsString("Trend, month by month"));
    }

    @Test
    void csvDownloadsRefuseBadParametersWithA4xxNeverA500() {
        String session = Console.signIn(Api.ADMIN_KEY);
        Console.page(session, "/console/funnel.csv?from=yesterday").then().statusCode(422);
        Console.page(session, "/console/sla.csv?from=2026-02-01&to=2026-01-01").then().statusCode(422);
        Console.page(session, "/console/score-calibration.csv?version=abc").then().statusCode(422);
        Console.page(session, "/console/score-calibration.csv?version=999999").then().statusCode(404);
        Console.page(session, "/console/queues?sort=%00%27").then().statusCode(422);
    }

    @Test
    void badParametersAnswerAnHtmlPageWithTheProblem() {
        String session = Console.signIn(Api.ADMIN_KEY);
        Console.page(session, "/console/lead-quality?groupBy=colour").then().statusCode(422).contentType(containsString("text/html"))
                .body(containsString("must be one of source, campaign, queue, rep, scoreBand"));
        Console.page(session, "/console/funnel?from=2026-02-01&to=2026-01-01").then().statusCode(422).body(containsString("must be before to"));
        Console.page(session, "/console/leads/nope").then().statusCode(404).contentType(containsString("text/html"));
    }

    @Test
    void modelsPageShowsTheChallengerBesideTheChampionAndTheCalibrationOfTheVersionAskedFor() {
        Map<String, Object> document = new java.util.LinkedHashMap<>(given().get("/api/v1/scoring/models/1").then().statusCode(200)
                .extract().<Map<String, Object>>path("model"));
        document.put("name", TestData.unique("console-challenger"));
        int challenger = given().contentType(ContentType.JSON).body(document).post("/api/v1/scoring/models").then().statusCode(201)
                .extract().path("version");
        given().contentType(ContentType.JSON).body(Map.of("version", challenger)).put("/api/v1/scoring/challenger").then().statusCode(200);
        try {
            String session = Console.signIn(Api.ADMIN_KEY);
            Console.page(session, "/console/models").then().statusCode(200)
                    .body(containsString("<strong>challenger</strong>"))
                    .body(containsString("Challenger (version " + challenger + ")"))
                    .body(containsString("Calibration of the active model (version 1)"));
            Console.page(session, "/console/models?version=" + challenger).then().statusCode(200)
                    .body(containsString("Calibration of model (version " + challenger + ")"));
            Console.page(session, "/console/models?version=999999").then().statusCode(404)
                    .contentType(containsString("text/html"));
        } finally {
            given().delete("/api/v1/scoring/challenger").then().statusCode(204);
        }
    }

    @Test
    void leadListCsvIsNamedForWhatItHoldsAndWhen() {
        String source = TestData.unique("csv");
        String lead = Api.ingest(Map.of("email", TestData.uniqueEmail(), "source", source, "company", "=SUM(A1)"));
        String session = Console.signIn(Api.ADMIN_KEY);
        Response csv = Console.page(session, "/console/leads.csv?source=" + source);
        csv.then().statusCode(200).contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("leads_source-" + source.toLowerCase()));
        assertThat(csv.asString()).contains(lead).contains("'=SUM(A1)");
        Console.page(session, "/console/leads?source=" + source).then().statusCode(200)
                .body(containsString("<strong id=\"lead-count\">1</strong>")).body(containsString("/console/leads/" + lead));
        Console.page(session, "/console/leads?scoreBand=7").then().statusCode(422).contentType(containsString("text/html"));
    }

    @Test
    void webhooksPageShowsEachSubscriptionsHealthToAdminsOnly() {
        String description = TestData.unique("console hook");
        String id = given().contentType(ContentType.JSON).body(Map.of("url", "http://127.0.0.1:9/hook", "eventTypes", List.of("lead.created"),
                        "sources", List.of(TestData.unique("nobody")), "description", description))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("webhook.id");
        try {
            Console.page(Console.signIn(Api.ADMIN_KEY), "/console/webhooks").then().statusCode(200)
                    .body(containsString(description)).body(containsString(id)).body(containsString("<td>enabled</td>"));
            Console.page(Console.signIn(Api.apiKey(Map.of("scopes", List.of("reports:read")))), "/console/webhooks").then().statusCode(403)
                    .body(not(containsString(description)));
        } finally {
            given().delete("/api/v1/webhooks/" + id).then().statusCode(204);
        }
    }

    @Test
    void leadQualitySortsByTheColumnAsked() {
        String big = TestData.unique("big");
        String small = TestData.unique("small");
        for (int i = 0; i < 3; i++) {
            Api.ingest(Map.of("email", TestData.uniqueEmail(), "source", big));
        }
        Api.ingest(Map.of("email", TestData.uniqueEmail(), "source", small));
        String session = Console.signIn(Api.ADMIN_KEY);
        String html = Console.page(session, "/console/lead-quality?groupBy=source&sort=-received").then().statusCode(200).extract().asString();
        assertThat(html.indexOf(">" + big + "<")).isPositive().isLessThan(html.indexOf(">" + small + "<"));
        assertThat(html).contains("aria-sort=\"descending\"");
        html = Console.page(session, "/console/lead-quality?groupBy=source&sort=received").then().statusCode(200).extract().asString();
        assertThat(html.indexOf(">" + small + "<")).isPositive().isLessThan(html.indexOf(">" + big + "<"));
        Console.page(session, "/console/lead-quality?sort=colour").then().statusCode(422).contentType(containsString("text/html"));
    }

    @Test
    void signInCountsAgainstTheKeysRateLimitLikeTheApi() {
        String key = Api.apiKey(Map.of("scopes", List.of("reports:read"), "ratePerSecond", 1, "burst", 2));
        Console.signIn(key);
        Console.signIn(key);
        RestAssured.given().redirects().follow(false).formParam("apiKey", key).post("/console/session")
                .then().statusCode(429).header("Retry-After", "1").contentType(containsString("text/html"));
    }

    private static String ingest(String source) {
        return Api.ingest(Map.of("email", TestData.uniqueEmail(), "source", source));
    }

    private List<String> storedHashes(String token) {
        return QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                        "select s.tokenHash from ConsoleSession s where s.tokenHash in :candidates", String.class)
                .setParameter("candidates", List.of(token, Secrets.sha256Hex(token))).getResultList());
    }
}
