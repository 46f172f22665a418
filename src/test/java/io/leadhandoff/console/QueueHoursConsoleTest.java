package io.leadhandoff.console;

import static io.leadhandoff.Api.given;
import static org.hamcrest.Matchers.containsString;

import io.leadhandoff.Api;
import io.leadhandoff.TestClock;
import io.leadhandoff.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The queues page shows whether each queue is open and, when closed, when it opens in the schedule's local time. */
@QuarkusTest
class QueueHoursConsoleTest {

    @Inject
    TestClock clock;

    @Test
    void aClosedQueueShowsItsNextOpeningInLocalTime() {
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        String schedule = TestData.unique("s").toLowerCase();
        given().contentType(ContentType.JSON).body(Map.of("id", schedule, "timeZone", "Asia/Tokyo",
                "weekly", Map.of("MONDAY", List.of(List.of("09:00", "17:00"))))).post("/api/v1/schedules").then().statusCode(201);
        String queue = TestData.unique("q").toLowerCase();
        given().contentType(ContentType.JSON).body(Map.of("id", queue, "name", queue, "scheduleId", schedule))
                .post("/api/v1/queues").then().statusCode(201);
        LocalDate saturday = LocalDate.ofInstant(clock.instant(), tokyo).plusWeeks(1).with(TemporalAdjusters.next(DayOfWeek.SATURDAY));
        clock.advance(Duration.between(clock.instant(), saturday.atTime(12, 0).atZone(tokyo).toInstant()));
        String session = Console.signIn(Api.ADMIN_KEY);
        Console.page(session, "/console/queues").then().statusCode(200)
                .body(containsString("closed (schedule " + schedule + " opens " + saturday.plusDays(2) + "T09:00 Asia/Tokyo)"));
    }
}
