package io.leadhandoff.schedule;

import static io.leadhandoff.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import io.leadhandoff.Api;
import io.leadhandoff.TestClock;
import io.leadhandoff.TestData;
import io.leadhandoff.work.SlaService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Schedules through the API: the SLA clock of a queue, shifts in assignment, overflow, breaches, reports, .ics imports. */
@QuarkusTest
class ScheduleApiTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final List<String> OFFICE = List.of("09:00", "18:00");

    @Inject
    TestClock clock;
    @Inject
    SlaService sla;

    @AfterEach
    void restoreDefaultRules() {
        Api.restoreDefaultRules();
    }

    // --- helpers ---

    /** Moves the (forward-only) test clock to {@code local} in {@code zone}. */
    void at(LocalDateTime local, ZoneId zone) {
        Instant target = local.atZone(zone).toInstant();
        assertThat(target).isAfter(clock.instant());
        clock.advance(Duration.between(clock.instant(), target));
    }

    /** A Friday at least a week after the clock's date (in Berlin), so every test moves the clock forward. */
    LocalDate nextFriday() {
        return LocalDate.ofInstant(clock.instant(), BERLIN).plusWeeks(1).with(TemporalAdjusters.next(DayOfWeek.FRIDAY));
    }

    static String schedule(String zone, Map<String, Object> weekly, List<Map<String, Object>> holidays) {
        String id = TestData.unique("s").toLowerCase();
        Map<String, Object> body = new HashMap<>(Map.of("id", id, "timeZone", zone, "weekly", weekly, "holidays", holidays));
        given().contentType(ContentType.JSON).body(body).post("/api/v1/schedules").then().statusCode(201)
                .header("Location", "/api/v1/schedules/" + id);
        return id;
    }

    static String office(List<Map<String, Object>> holidays) {
        Map<String, Object> weekly = new HashMap<>();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")) {
            weekly.put(day, List.of(OFFICE));
        }
        return schedule("Europe/Berlin", weekly, holidays);
    }

    static String queue(Map<String, Object> settings) {
        String id = TestData.unique("q").toLowerCase();
        Map<String, Object> body = new HashMap<>(Map.of("id", id, "name", id, "assignmentMode", "pull"));
        body.putAll(settings);
        given().contentType(ContentType.JSON).body(body).post("/api/v1/queues").then().statusCode(201);
        return id;
    }

    static void member(String queue, String rep, Map<String, Object> body) {
        given().contentType(ContentType.JSON).body(body).put("/api/v1/queues/" + queue + "/members/" + rep).then().statusCode(200);
    }

    static void routeTo(String queue) {
        given().contentType(ContentType.JSON).body("{\"defaultQueueId\":\"" + queue + "\",\"rules\":[]}")
                .put("/api/v1/routing/rules").then().statusCode(200);
    }

    static JsonPath ingest() {
        return given().contentType(ContentType.JSON).body(Map.of("email", TestData.uniqueEmail())).post("/api/v1/leads")
                .then().statusCode(201).extract().jsonPath();
    }

    static JsonPath lead(String id) {
        return given().get("/api/v1/leads/" + id).then().statusCode(200).extract().jsonPath();
    }

    static Instant minute(String instant) {
        return Instant.parse(instant).truncatedTo(ChronoUnit.MINUTES);
    }

    // --- the SLA clock ---

    @Test
    void dueTimeSkipsTheWeekendAndAHoliday() {
        LocalDate friday = nextFriday();
        String office = office(List.of(Map.of("date", friday.plusDays(3).toString(), "name", "A Monday off")));
        routeTo(queue(Map.of("slaMinutes", 30, "scheduleId", office)));
        at(friday.atTime(17, 50), BERLIN);
        JsonPath lead = ingest();
        assertThat(minute(lead.getString("lead.slaDueAt"))).isEqualTo(friday.plusDays(4).atTime(9, 20).atZone(BERLIN).toInstant());
    }

    @Test
    void dueTimeRunsThroughAnOvernightInterval() {
        Map<String, Object> weekly = new HashMap<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            weekly.put(d.name(), List.of(List.of("22:00", "06:00")));
        }
        ZoneId newYork = ZoneId.of("America/New_York");
        String nights = schedule("America/New_York", weekly, List.of());
        routeTo(queue(Map.of("slaMinutes", 30, "scheduleId", nights)));
        LocalDate day = nextFriday();
        at(day.atTime(23, 50), newYork);
        assertThat(minute(ingest().getString("lead.slaDueAt"))).as("across midnight")
                .isEqualTo(day.plusDays(1).atTime(0, 20).atZone(newYork).toInstant());
        at(day.plusDays(1).atTime(5, 50), newYork);
        assertThat(minute(ingest().getString("lead.slaDueAt"))).as("from the morning to the next night")
                .isEqualTo(day.plusDays(1).atTime(22, 20).atZone(newYork).toInstant());
    }

    @Test
    void noBreachWhileTheQueueIsClosed() {
        LocalDate friday = nextFriday();
        String q = queue(Map.of("slaMinutes", 30, "scheduleId", office(List.of())));
        routeTo(q);
        at(friday.atTime(17, 50), BERLIN);
        String id = ingest().getString("lead.id");
        at(friday.plusDays(1).atTime(12, 0), BERLIN);
        sla.escalate(clock.instant(), 1000);
        at(friday.plusDays(3).atTime(9, 15), BERLIN);
        sla.escalate(clock.instant(), 1000);
        assertThat(lead(id).getInt("slaBreaches")).as("Saturday and Monday 09:15").isZero();
        at(friday.plusDays(3).atTime(9, 21), BERLIN);
        sla.escalate(clock.instant(), 1000);
        assertThat(lead(id).getInt("slaBreaches")).as("Monday 09:21").isEqualTo(1);
    }

    @Test
    void aHolidayAddedAfterRoutingHoldsTheBreachBack() {
        LocalDate friday = nextFriday();
        String office = office(List.of());
        routeTo(queue(Map.of("slaMinutes", 30, "scheduleId", office)));
        at(friday.atTime(17, 50), BERLIN);
        String id = ingest().getString("lead.id");
        Map<String, Object> weekly = new HashMap<>();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")) {
            weekly.put(day, List.of(OFFICE));
        }
        given().contentType(ContentType.JSON).body(Map.of("timeZone", "Europe/Berlin", "weekly", weekly,
                        "holidays", List.of(Map.of("date", friday.plusDays(3).toString()))))
                .put("/api/v1/schedules/" + office).then().statusCode(200);
        at(friday.plusDays(3).atTime(10, 0), BERLIN);
        sla.escalate(clock.instant(), 1000);
        JsonPath after = lead(id);
        assertThat(after.getInt("slaBreaches")).isZero();
        assertThat(minute(after.getString("slaDueAt"))).isEqualTo(friday.plusDays(4).atTime(9, 20).atZone(BERLIN).toInstant());
    }

    // --- assignment ---

    @Test
    void assignmentSkipsAnOffShiftRepAndTheTraceSaysWhy() {
        String nights = schedule("Europe/Berlin", Map.of("SATURDAY", List.of(List.of("22:00", "06:00"))), List.of());
        String q = queue(Map.of("assignmentMode", "round-robin"));
        String sleeper = TestData.unique("sleeper");
        String awake = TestData.unique("awake");
        member(q, sleeper, Map.of("scheduleId", nights));
        member(q, awake, Map.of());
        routeTo(q);
        at(nextFriday().atTime(11, 0), BERLIN);
        for (int i = 0; i < 3; i++) {
            JsonPath lead = ingest();
            assertThat(lead.getString("lead.routing.repId")).isEqualTo(awake);
            String trace = lead.getString("lead.routing.trace.find { it.step == 'assignment' }.candidates.find { it.repId == '" + sleeper + "' }.reason");
            assertThat(trace).startsWith("off shift").contains(nights).contains("opens").contains("T22:00 Europe/Berlin");
        }
        given().get("/api/v1/queues/" + q + "/members/" + sleeper).then().statusCode(200)
                .body("onShift", equalTo(false)).body("scheduleId", equalTo(nights));
    }

    @Test
    void anOffShiftRepMayStillClaim() {
        String nights = schedule("Europe/Berlin", Map.of("SATURDAY", List.of(List.of("22:00", "06:00"))), List.of());
        String q = queue(Map.of());
        String rep = TestData.unique("late");
        member(q, rep, Map.of("scheduleId", nights));
        routeTo(q);
        at(nextFriday().atTime(11, 0), BERLIN);
        String id = ingest().getString("lead.id");
        Api.claim(q, rep, 5, null).then().statusCode(200).body("claimed.lead.id", hasItem(id));
    }

    @Test
    void overflowsToAnOpenQueueWhenNobodyIsOnShift() {
        String office = office(List.of());
        String followTheSun = queue(Map.of("scheduleId", schedule("America/New_York",
                Map.of("SATURDAY", List.of(List.of("00:00", "24:00"))), List.of())));
        String q = queue(Map.of("assignmentMode", "round-robin", "overflowQueueId", followTheSun, "scheduleId", office));
        member(q, TestData.unique("berlin"), Map.of("scheduleId", office));
        routeTo(q);
        at(nextFriday().plusDays(1).atTime(12, 0), BERLIN);
        JsonPath lead = ingest();
        assertThat(lead.getString("lead.queueId")).isEqualTo(followTheSun);
        assertThat(lead.getString("lead.routing.via")).isEqualTo("overflow");
        assertThat(lead.getString("lead.routing.trace.find { it.step == 'overflow' }.detail")).contains("is open");
    }

    @Test
    void waitsWhenTheOverflowQueueIsClosedToo() {
        String office = office(List.of());
        String closed = queue(Map.of("scheduleId", office));
        String q = queue(Map.of("assignmentMode", "round-robin", "overflowQueueId", closed, "scheduleId", office));
        member(q, TestData.unique("berlin"), Map.of("scheduleId", office));
        routeTo(q);
        at(nextFriday().plusDays(1).atTime(12, 0), BERLIN);
        JsonPath lead = ingest();
        assertThat(lead.getString("lead.queueId")).isEqualTo(q);
        assertThat(lead.getString("lead.routing.repId")).isNull();
        assertThat(lead.getString("lead.routing.trace.find { it.step == 'assignment' }.detail")).contains("overflow queue " + closed + " is closed");
        given().get("/api/v1/queues/" + closed).then().statusCode(200).body("open", equalTo(false));
    }

    @Test
    void awayUntilIsAnOutOfOfficePeriod() {
        String q = queue(Map.of("assignmentMode", "round-robin"));
        String rep = TestData.unique("away");
        at(nextFriday().atTime(10, 0), BERLIN);
        Instant back = clock.instant().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        member(q, rep, Map.of("status", "away", "awayUntil", back.toString()));
        given().get("/api/v1/queues/" + q + "/members/" + rep).then().statusCode(200)
                .body("status", equalTo("away")).body("awayUntil", equalTo(back.toString()))
                .body("outOfOffice[0].until", equalTo(back.toString()));
        clock.advance(Duration.ofDays(3));
        given().get("/api/v1/queues/" + q + "/members/" + rep).then().statusCode(200).body("status", equalTo("active"));
    }

    // --- reports ---

    @Test
    void slaReportGivesBusinessMinutesBesideWallMinutes() {
        LocalDate friday = nextFriday();
        String rep = TestData.unique("rep");
        String office = office(List.of());
        String q = queue(Map.of("slaMinutes", 60, "scheduleId", office));
        member(q, rep, Map.of());
        routeTo(q);
        at(friday.atTime(17, 50), BERLIN);
        Instant from = clock.instant().minusSeconds(1);
        ingest();
        at(friday.plusDays(3).atTime(9, 10), BERLIN);
        Api.claim(q, rep, 1, null).then().statusCode(200);
        String row = "queues.find { it.queueId == '" + q + "' }.";
        given().queryParam("from", from.toString()).queryParam("to", clock.instant().plusSeconds(1).toString())
                .get("/api/v1/reports/sla").then().statusCode(200)
                .body(row + "scheduleId", equalTo(office))
                .body(row + "breaches", equalTo(0))
                .body(row + "medianBusinessMinutesToClaim", equalTo(20.0f))
                .body(row + "medianWallMinutesToClaim", equalTo((float) (2 * 24 * 60 + 15 * 60 + 20)));
    }

    // --- schedules themselves ---

    @Test
    void importsHolidaysFromAnIcsBody() {
        String office = office(List.of());
        String ics = String.join("\r\n", "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//Holidays//EN",
                "BEGIN:VEVENT", "UID:xmas@test", "DTSTAMP:20261101T000000Z", "DTSTART;VALUE=DATE:20271224", "DTEND;VALUE=DATE:20271226",
                "SUMMARY:Christmas", "END:VEVENT",
                "BEGIN:VEVENT", "UID:party@test", "DTSTAMP:20261101T000000Z", "DTSTART;TZID=Europe/Berlin:20271231T130000",
                "DTEND;TZID=Europe/Berlin:20271231T180000", "SUMMARY:Party", "END:VEVENT", "END:VCALENDAR", "");
        given().contentType("text/calendar").body(ics).post("/api/v1/schedules/" + office + "/holidays").then().statusCode(200)
                .body("imported", equalTo(3)).body("events", equalTo(2))
                .body("schedule.holidays.date", hasItems("2027-12-24", "2027-12-25", "2027-12-31"))
                .body("schedule.holidays.find { it.date == '2027-12-31' }.from", equalTo("13:00"));
        given().contentType("text/calendar").body(ics).post("/api/v1/schedules/" + office + "/holidays").then().statusCode(200)
                .body("imported", equalTo(0));
    }

    @Test
    void aMalformedIcsBodyIsA422NamingTheLine() {
        String office = office(List.of());
        String ics = String.join("\r\n", "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//Holidays//EN", "BEGIN:VEVENT",
                "DTSTART;VALUE=DATE:2027-13-45", "END:VEVENT", "END:VCALENDAR", "");
        given().contentType("text/calendar").body(ics).post("/api/v1/schedules/" + office + "/holidays").then().statusCode(422)
                .contentType("application/problem+json").body("detail", containsString("line 5"))
                .body("errors[0].message", containsString("line 5"));
    }

    @Test
    void refusesABadScheduleNamingEveryField() {
        given().contentType(ContentType.JSON).body(Map.of("id", TestData.unique("s").toLowerCase(), "timeZone", "Mars/Olympus",
                        "weekly", Map.of("MONDAY", List.of(List.of("09:00", "25:00")), "FUNDAY", List.of()),
                        "holidays", List.of(Map.of("date", "2026-02-30"))))
                .post("/api/v1/schedules").then().statusCode(422)
                .body("errors.pointer", hasItems("/timeZone", "/weekly/MONDAY/0/1", "/weekly/FUNDAY", "/holidays/0/date"));
    }

    @Test
    void managesSchedules() {
        String office = office(List.of(Map.of("date", "2027-12-24")));
        given().get("/api/v1/schedules/" + office).then().statusCode(200)
                .body("timeZone", equalTo("Europe/Berlin")).body("weekly.MONDAY[0]", equalTo(OFFICE))
                .body("holidays[0].date", equalTo("2027-12-24"));
        String q = queue(Map.of("scheduleId", office));
        given().delete("/api/v1/schedules/" + office).then().statusCode(409);
        given().contentType(ContentType.JSON).body(Map.of("name", q)).put("/api/v1/queues/" + q).then().statusCode(200);
        given().delete("/api/v1/schedules/" + office).then().statusCode(204);
        given().get("/api/v1/schedules/" + office).then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("name", q, "scheduleId", "nope")).put("/api/v1/queues/" + q)
                .then().statusCode(422).body("errors[0].pointer", equalTo("/scheduleId"));
    }
}
