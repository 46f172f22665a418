package io.leadhandoff.lead;

import static io.leadhandoff.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadhandoff.Api;
import io.leadhandoff.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, item 5: a lead touched by every path is erased, then every text column of every table is
 * searched for every personal value it was given. Runs on H2 and, with -Pmysql, on MariaDB. The schema
 * is read from the database's metadata, so a table or column added later fails the first test until it
 * is classified in {@link PersonalData}.
 */
@QuarkusTest
class ErasureCompletenessTest {

    private static final String SECRET = "erasure-source-secret-7c1d2e";

    @Inject
    DataSource dataSource;

    @AfterEach
    void restore() {
        Api.restoreDefaultRules();
    }

    /** Table name → its columns and their JDBC types, named as the database reports them (H2 upper-case, MariaDB as created). */
    private Map<String, Map<String, Integer>> schema() throws SQLException {
        Map<String, Map<String, Integer>> tables = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            try (ResultSet t = meta.getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
                while (t.next()) {
                    tables.put(t.getString("TABLE_NAME"), new LinkedHashMap<>());
                }
            }
            for (Map.Entry<String, Map<String, Integer>> table : tables.entrySet()) {
                try (ResultSet col = meta.getColumns(c.getCatalog(), c.getSchema(), table.getKey(), "%")) {
                    while (col.next()) {
                        table.getValue().put(col.getString("COLUMN_NAME"), col.getInt("DATA_TYPE"));
                    }
                }
            }
        }
        assertThat(tables.keySet().stream().map(t -> t.toLowerCase(Locale.ROOT)).toList()).as("tables found through JDBC metadata")
                .contains("lead", "lead_event", "source_event");
        tables.forEach((table, columns) -> assertThat(columns).as("columns of " + table).isNotEmpty());
        return tables;
    }

    @Test
    void everyColumnOfEveryTableIsClassified() throws SQLException {
        List<String> unclassified = new ArrayList<>();
        schema().forEach((table, columns) -> columns.keySet().forEach(column -> {
            if (PersonalData.of(table, column) == null) {
                unclassified.add(table + "." + column);
            }
        }));
        assertThat(unclassified).as("columns to classify in PersonalData (and erase in ErasureService when personal)").isEmpty();
    }

    @Test
    void aLeadTouchedByEveryPathLeavesNoPersonalValueInAnyColumnOnceErased() throws SQLException {
        String tag = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String local = "ada" + tag;
        String email = local + "@engines" + tag + ".example";
        Map<String, String> personal = new LinkedHashMap<>();
        personal.put("email local part", local);
        personal.put("first name", "fn" + tag);
        personal.put("last name", "ln" + tag);
        personal.put("title", "title" + tag);
        personal.put("city", "city" + tag);
        personal.put("region", "region" + tag);
        personal.put("website", "site" + tag);
        personal.put("utm term", "term" + tag);
        personal.put("utm content", "content" + tag);
        personal.put("attribute value", "attr" + tag);
        personal.put("contact id", "contact" + tag);
        personal.put("feedback note", "note" + tag);
        String phoneDigits = "20794" + String.valueOf(Math.abs(tag.hashCode() % 100_000) + 100_000).substring(1);
        personal.put("phone", phoneDigits);

        String rep = TestData.unique("rep");
        String queue = Api.routedQueue("pull", Map.of(), rep);
        String source = TestData.unique("erasemk").toLowerCase();
        given().contentType(ContentType.JSON).body(Map.of("id", source, "kind", "marketo", "name", "erasure", "secrets", List.of(SECRET),
                "eventIdPointer", "/eventId")).post("/api/v1/sources").then().statusCode(201);

        // a tool's webhook: its event id embeds the contact's email
        String webhook = """
                {"eventId": "lead-%s", "email": "%s", "firstName": "fn%s", "title": "title%s", "utm": {"source": "marketo", "term": "term%s"}}"""
                .formatted(email, email.toUpperCase(Locale.ROOT), tag, tag, tag);
        String id = RestAssured.given().contentType(ContentType.JSON).header("X-Lead-Handoff-Secret", SECRET).body(webhook)
                .post("/api/v1/sources/" + source + "/events").then().statusCode(200).extract().path("results[0].leadId");
        RestAssured.given().contentType(ContentType.JSON).header("X-Lead-Handoff-Secret", SECRET).body(webhook)
                .post("/api/v1/sources/" + source + "/events").then().statusCode(200);
        // intake with an idempotency key, retried; a merge with more fields; a batch touch
        String single = """
                {"email": "%s", "lastName": "ln%s", "phone": "+44 %s", "city": "city%s", "region": "region%s", "website": "https://site%s.example/me",
                 "source": "crm", "externalId": "contact%s", "utm": {"content": "content%s"}, "attributes": {"hobby": "attr%s"}}"""
                .formatted(email, tag, phoneDigits, tag, tag, tag, tag, tag, tag);
        String key = TestData.unique("idem");
        for (int i = 0; i < 2; i++) {
            given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(single).post("/api/v1/leads").then().statusCode(200);
        }
        Api.uncheckedRequest("the bare-array batch body the operation's description allows").contentType(ContentType.JSON)
                .header("Idempotency-Key", TestData.unique("idem"))
                .body("[{\"email\": \"" + email + "\", \"firstName\": \"fn" + tag + "\"}]").post("/api/v1/leads/batch").then().statusCode(200);
        // work and feedback, then everything that reads it
        String lease = Api.claim(queue, rep, 1, 300).then().statusCode(200).extract().path("claimed[0].leaseToken");
        Api.feedback(id, Map.of("outcome", "ACCEPTED", "note", "note" + tag + " called back", "repId", rep, "leaseToken", lease))
                .then().statusCode(200);
        given().get("/api/v1/leads/" + id + "/history").then().statusCode(200);
        given().get("/api/v1/events?limit=10").then().statusCode(200);
        given().get("/api/v1/reports/lead-quality?groupBy=campaign").then().statusCode(200);

        Map<String, List<String>> before = scan(personal);
        assertThat(before.keySet()).as("the values were stored before the erasure (else this test proves nothing)")
                .contains("email local part", "first name", "last name", "title", "city", "website", "utm term", "contact id", "feedback note");

        given().delete("/api/v1/leads/" + id).then().statusCode(204);

        assertThat(scan(personal)).as("personal values left after erasure, by value: table.column").isEmpty();
    }

    /** Where each value occurs: every character column of every table, case-insensitively. */
    private Map<String, List<String>> scan(Map<String, String> values) throws SQLException {
        Map<String, List<String>> found = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> schema = schema();
        try (Connection c = dataSource.getConnection()) {
            for (Map.Entry<String, Map<String, Integer>> table : schema.entrySet()) {
                for (Map.Entry<String, Integer> column : table.getValue().entrySet()) {
                    if (!isText(column.getValue())) {
                        continue;
                    }
                    String sql = "select count(*) from " + table.getKey() + " where lower(" + column.getKey() + ") like ?";
                    try (PreparedStatement query = c.prepareStatement(sql)) {
                        for (Map.Entry<String, String> value : values.entrySet()) {
                            query.setString(1, "%" + value.getValue().toLowerCase(Locale.ROOT) + "%");
                            try (ResultSet r = query.executeQuery()) {
                                r.next();
                                if (r.getLong(1) > 0) {
                                    found.computeIfAbsent(value.getKey(), k -> new ArrayList<>()).add(table.getKey() + "." + column.getKey());
                                }
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    private static boolean isText(int type) {
        return type == Types.CHAR || type == Types.VARCHAR || type == Types.LONGVARCHAR || type == Types.CLOB || type == Types.NCHAR
                || type == Types.NVARCHAR || type == Types.LONGNVARCHAR || type == Types.NCLOB;
    }
}
