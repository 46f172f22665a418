package io.leadhandoff.routing;

import static io.leadhandoff.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.leadhandoff.Api;
import io.leadhandoff.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Accounts over HTTP, and every matching rule seen from the lead a match routes. */
@QuarkusTest
class AccountApiTest {

    private static final Random RANDOM = new Random();

    @Inject
    Clock clock;

    /** A company word no other test uses: ten random letters, so fuzzy neighbours come only from this test. */
    private static String word() {
        StringBuilder w = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            w.append((char) ('a' + RANDOM.nextInt(26)));
        }
        return w.toString();
    }

    private static String ownedQueue(String rep) {
        String q = RoutingApiTest.queue("round-robin", Map.of());
        RoutingApiTest.member(q, rep, Map.of());
        return q;
    }

    private static String create(Map<String, Object> account) {
        return given().contentType(ContentType.JSON).body(account).post("/api/v1/accounts").then().statusCode(201)
                .extract().path("id");
    }

    private static ValidatableResponse lead(Map<String, Object> lead) {
        return given().contentType(ContentType.JSON).body(lead).post("/api/v1/leads").then().statusCode(201);
    }

    @Test
    void createsAnAccountWithSeveralDomainsReadableByIdAndByEachDomain() {
        String w = word();
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("name", w + " Corp", "domains", List.of(w + ".com", "WWW." + w + ".co.uk"), "ownerRepId", "rep-1",
                        "attributes", Map.of("tier", "enterprise", "region", "emea")))
                .post("/api/v1/accounts").then().statusCode(201)
                .body("domains", equalTo(List.of(w + ".com", w + ".co.uk"))).body("attributes.tier", equalTo("enterprise"))
                .extract().path("id");
        given().get("/api/v1/accounts/" + id).then().statusCode(200).body("name", equalTo(w + " Corp"));
        given().get("/api/v1/accounts/" + w + ".co.uk").then().statusCode(200).body("id", equalTo(id));
        given().get("/api/v1/accounts/" + w + ".com").then().statusCode(200).body("id", equalTo(id));
    }

    @Test
    void answersLocationOfTheNewAccount() {
        String w = word();
        given().contentType(ContentType.JSON).body(Map.of("id", "crm-" + w, "name", w)).post("/api/v1/accounts").then().statusCode(201)
                .header("Location", "/api/v1/accounts/crm-" + w).body("id", equalTo("crm-" + w));
    }

    @Test
    void refusesADomainOfAnotherAccount() {
        String w = word();
        create(Map.of("domains", List.of(w + ".com")));
        given().contentType(ContentType.JSON).body(Map.of("domains", List.of("eu." + w + ".io", w + ".com"))).post("/api/v1/accounts")
                .then().statusCode(409);
    }

    @Test
    void refusesAPublicSuffixAndAnAccountWithNeitherNameNorDomain() {
        given().contentType(ContentType.JSON).body(Map.of("domains", List.of("co.uk", "ok-" + word() + ".com", "not a domain")))
                .post("/api/v1/accounts").then().statusCode(422)
                .body("errors.pointer", equalTo(List.of("/domains/0", "/domains/2")));
        given().contentType(ContentType.JSON).body(Map.of("ownerRepId", "rep-1")).post("/api/v1/accounts").then().statusCode(422)
                .body("errors.pointer", equalTo(List.of("/name")));
    }

    @Test
    void refusesAParentThatWouldMakeACycle() {
        String parent = create(Map.of("name", word()));
        String child = create(Map.of("name", word(), "parentAccountId", parent));
        given().contentType(ContentType.JSON).body(Map.of("name", word(), "parentAccountId", child)).put("/api/v1/accounts/" + parent)
                .then().statusCode(422).body("errors.pointer", equalTo(List.of("/parentAccountId")));
        given().delete("/api/v1/accounts/" + parent).then().statusCode(409);
        given().delete("/api/v1/accounts/" + child).then().statusCode(204);
        given().delete("/api/v1/accounts/" + parent).then().statusCode(204);
        given().get("/api/v1/accounts/" + parent).then().statusCode(404);
    }

    @Test
    void keepsTheDomainPathAsAShortcutForOneDomainAccounts() {
        String domain = word() + ".example";
        String id = given().contentType(ContentType.JSON).body(Map.of("ownerRepId", "rep-7", "name", "Shortcut"))
                .put("/api/v1/accounts/" + domain).then().statusCode(200).body("domain", equalTo(domain)).extract().path("id");
        given().contentType(ContentType.JSON).body(Map.of("ownerRepId", "rep-8")).put("/api/v1/accounts/" + domain).then().statusCode(200)
                .body("id", equalTo(id)).body("ownerRepId", equalTo("rep-8"));
        given().contentType(ContentType.JSON).body(Map.of("name", "Shortcut", "domains", List.of(domain, word() + ".example")))
                .put("/api/v1/accounts/" + id).then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("ownerRepId", "rep-9")).put("/api/v1/accounts/" + domain).then().statusCode(409);
        given().delete("/api/v1/accounts/" + domain).then().statusCode(409);
        given().delete("/api/v1/accounts/" + id).then().statusCode(204);
    }

    @Test
    void takesTheDocumentedAccountBodyOnTheDomainShortcut() {
        String domain = word() + ".example";
        // what a generated client sends: every field of AccountRequest, the lists and maps empty
        Map<String, Object> body = new HashMap<>(Map.of("name", "Shortcut", "ownerRepId", "rep-7", "domains", List.of(),
                "attributes", Map.of()));
        String id = given().contentType(ContentType.JSON).body(body).put("/api/v1/accounts/" + domain).then().statusCode(200)
                .body("domains", equalTo(List.of(domain))).body("attributes", nullValue()).extract().path("id");
        body.putAll(Map.of("id", id, "domains", List.of(domain.toUpperCase()), "attributes", Map.of("tier", "enterprise")));
        given().contentType(ContentType.JSON).body(body).put("/api/v1/accounts/" + domain).then().statusCode(200)
                .body("id", equalTo(id)).body("domains", equalTo(List.of(domain))).body("attributes.tier", equalTo("enterprise"));
        given().get("/api/v1/accounts/" + id).then().statusCode(200).body("attributes.tier", equalTo("enterprise"));
        body.put("domains", List.of(domain, word() + ".example"));
        given().contentType(ContentType.JSON).body(body).put("/api/v1/accounts/" + domain).then().statusCode(422)
                .body("errors.pointer", equalTo(List.of("/domains")));
        body.putAll(Map.of("domains", List.of(), "id", "other-" + word()));
        given().contentType(ContentType.JSON).body(body).put("/api/v1/accounts/" + domain).then().statusCode(422)
                .body("errors.pointer", equalTo(List.of("/id")));
        given().delete("/api/v1/accounts/" + id).then().statusCode(204);
    }

    @Test
    void matchesASubdomainToTheAccountOfItsRegistrableDomain() {
        String w = word();
        String q = ownedQueue("rep-sub");
        String id = create(Map.of("name", w, "domains", List.of(w + ".co.uk"), "ownerRepId", "rep-sub", "queueId", q));
        lead(Map.of("email", "ada@eu." + w + ".co.uk"))
                .body("lead.account.id", equalTo(id)).body("lead.account.matchedBy", equalTo("domain"))
                .body("lead.account.similarity", equalTo(1.0f))
                .body("lead.ownerRepId", equalTo("rep-sub")).body("lead.routing.via", equalTo("account"))
                .body("lead.routing.trace.find { it.step == 'account' }.outcome", equalTo("matched"));
    }

    @Test
    void matchesAFreeMailLeadByCompanyNameOnly() {
        String w = word();
        String q = ownedQueue("rep-name");
        String id = create(Map.of("name", w + " Incorporated", "domains", List.of(w + ".com"), "ownerRepId", "rep-name", "queueId", q));
        String leadId = lead(Map.of("email", TestData.unique("ada") + "@gmail.com", "company", w.toUpperCase() + ", Inc."))
                .body("lead.account.id", equalTo(id)).body("lead.account.matchedBy", equalTo("name"))
                .body("lead.ownerRepId", equalTo("rep-name")).extract().path("lead.id");
        given().get("/api/v1/leads/" + leadId).then().statusCode(200).body("account.matchedBy", equalTo("name"))
                .body("account.name", equalTo(w + " Incorporated"));
    }

    @Test
    void matchesAFreeMailDomainNever() {
        String w = word();
        lead(Map.of("email", TestData.unique("ada") + "@gmail.com", "company", w)).body("lead.account.matchedBy", equalTo("none"));
    }

    @Test
    void matchesACloseCompanyNameFuzzilyWithItsSimilarity() {
        String w = word();
        String id = create(Map.of("name", w + " Logistics", "ownerRepId", "rep-fuzzy"));
        lead(Map.of("email", TestData.uniqueEmail(), "company", w + " Logistic"))
                .body("lead.account.id", equalTo(id)).body("lead.account.matchedBy", equalTo("fuzzy"))
                .body("lead.account.similarity", notNullValue());
    }

    @Test
    void doesNotMatchAShortNameToALongerOne() {
        String w = word();
        create(Map.of("name", w + " Bank", "ownerRepId", "rep-bank"));
        lead(Map.of("email", TestData.uniqueEmail(), "company", w)).body("lead.account.matchedBy", equalTo("none"));
    }

    @Test
    void flagsTwoCloseAccountsAsAmbiguousAndRoutesByTheRules() {
        String w = word();
        String a = create(Map.of("name", w + " Enterprise", "ownerRepId", "rep-a"));
        String b = create(Map.of("name", w + " Enterprisess", "ownerRepId", "rep-b"));
        lead(Map.of("email", TestData.uniqueEmail(), "company", w + " Enterprises"))
                .body("lead.account.matchedBy", equalTo("ambiguous")).body("lead.account.id", nullValue())
                .body("lead.account.candidates.id", org.hamcrest.Matchers.containsInAnyOrder(a, b))
                .body("lead.routing.trace.find { it.step == 'account' }.outcome", equalTo("ambiguous"))
                .body("lead.routing.via", org.hamcrest.Matchers.not(equalTo("account")));
    }

    @Test
    void routesAChildWithoutOwnerToItsParentsOwner() {
        String w = word();
        String q = ownedQueue("rep-parent");
        String parent = create(Map.of("name", w + " Group", "ownerRepId", "rep-parent", "queueId", q));
        String child = create(Map.of("name", w + " Bank", "domains", List.of(w + "-bank.com"), "parentAccountId", parent));
        lead(Map.of("email", "ada@" + w + "-bank.com"))
                .body("lead.account.id", equalTo(child)).body("lead.account.matchedBy", equalTo("parent"))
                .body("lead.account.foundBy", equalTo("domain")).body("lead.account.ownerAccountId", equalTo(parent))
                .body("lead.ownerRepId", equalTo("rep-parent")).body("lead.queueId", equalTo(q));
    }

    @Test
    void importsABatchWithOneResultPerItem() {
        String w = word();
        List<Map<String, Object>> items = List.of(
                Map.of("id", "p-" + w, "name", w + " Holding", "domains", List.of(w + ".com"), "ownerRepId", "rep-1"),
                Map.of("id", "c-" + w, "name", w + " Retail", "parentAccountId", "p-" + w),
                Map.of("name", w + " Copy", "domains", List.of(w + ".com")),
                Map.of("name", w + " Bad", "domains", List.of("co.uk")),
                Map.of("name", w + " Orphan", "parentAccountId", "no-such-" + w));
        given().contentType(ContentType.JSON).body(Map.of("accounts", items)).post("/api/v1/accounts/batch").then().statusCode(200)
                .body("summary.created", equalTo(2)).body("summary.rejected", equalTo(3))
                .body("results.outcome", equalTo(List.of("created", "created", "rejected", "rejected", "rejected")))
                .body("results[2].problem.status", equalTo(409))
                .body("results[3].problem.errors.pointer", equalTo(List.of("/accounts/3/domains/0")))
                .body("results[4].problem.errors.pointer", equalTo(List.of("/accounts/4/parentAccountId")));
        given().get("/api/v1/accounts/c-" + w).then().statusCode(200).body("parentAccountId", equalTo("p-" + w));
        // loading the same accounts again replaces them
        Api.uncheckedRequest("the bare-array form of the batch body, described in the operation's prose (as for lead batches)")
                .contentType(ContentType.JSON).body(List.of(Map.of("id", "c-" + w, "name", w + " Retail Ltd", "parentAccountId", "p-" + w)))
                .post("/api/v1/accounts/batch").then().statusCode(200).body("summary.replaced", equalTo(1));
        lead(Map.of("email", TestData.uniqueEmail(), "company", w + " Retail")).body("lead.account.id", equalTo("c-" + w))
                .body("lead.account.matchedBy", equalTo("parent"));
    }

    @Test
    void refusesABatchOfMoreThanAThousand() {
        List<Map<String, Object>> items = new java.util.ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            items.add(Map.of("name", "n" + i));
        }
        given().contentType(ContentType.JSON).body(items).post("/api/v1/accounts/batch").then().statusCode(413);
    }

    @Test
    void listsAccountsAPageAtATime() {
        for (int i = 0; i < 3; i++) {
            create(Map.of("name", word()));
        }
        String next = given().queryParam("limit", 2).get("/api/v1/accounts").then().statusCode(200)
                .body("items.size()", equalTo(2)).body("nextCursor", notNullValue()).extract().path("nextCursor");
        given().queryParam("limit", 2).queryParam("cursor", next).get("/api/v1/accounts").then().statusCode(200)
                .body("items.size()", org.hamcrest.Matchers.greaterThan(0));
    }

    @Test
    void countsLeadsByMatchRuleInTheLeadQualityReport() {
        String w = word();
        create(Map.of("name", w, "domains", List.of(w + ".com"), "ownerRepId", "rep-report"));
        Instant now = clock.instant();
        Map<String, Object> window = new HashMap<>(Map.of("groupBy", "accountMatch", "from", now.minus(Duration.ofDays(1)).toString(),
                "to", now.plus(Duration.ofDays(1)).toString()));
        int byDomain = received(window, "domain");
        int byName = received(window, "name");
        int byNone = received(window, "none");
        lead(Map.of("email", "ada@" + w + ".com"));
        lead(Map.of("email", TestData.unique("b") + "@gmail.com", "company", w + " GmbH"));
        lead(Map.of("email", TestData.uniqueEmail()));
        assertThat(received(window, "domain")).isEqualTo(byDomain + 1);
        assertThat(received(window, "name")).isEqualTo(byName + 1);
        assertThat(received(window, "none")).isEqualTo(byNone + 1);
    }

    private static int received(Map<String, Object> window, String group) {
        Integer n = given().queryParams(window).get("/api/v1/reports/lead-quality").then().statusCode(200)
                .extract().path("rows.find { it.group == '" + group + "' }.received");
        return n == null ? 0 : n;
    }
}
