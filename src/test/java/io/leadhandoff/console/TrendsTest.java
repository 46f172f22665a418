package io.leadhandoff.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadhandoff.report.ReportViews;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The trend's buckets: pure arithmetic on the period, at its edges (a month's and a year's end). */
class TrendsTest {

    private static Period period(String from, String to) {
        return new Period(Instant.parse(from), Instant.parse(to));
    }

    @Test
    void twoWeeksOrLessAreDays() {
        List<Trends.Bucket> days = Trends.buckets(period("2026-12-25T00:00:00Z", "2027-01-01T00:00:00Z"));
        assertThat(Trends.unit(period("2026-12-25T00:00:00Z", "2027-01-08T00:00:00Z"))).isEqualTo(Trends.Unit.DAY);
        assertThat(days).extracting(Trends.Bucket::label).containsExactly("2026-12-25", "2026-12-26", "2026-12-27", "2026-12-28",
                "2026-12-29", "2026-12-30", "2026-12-31");
        assertThat(days.get(6).to()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
    }

    @Test
    void upToHalfAYearAreWeeksFromTheStartTheLastOneShorter() {
        Period p = period("2026-10-01T00:00:00Z", "2026-12-31T23:59:31Z");
        List<Trends.Bucket> weeks = Trends.buckets(p);
        assertThat(Trends.unit(p)).isEqualTo(Trends.Unit.WEEK);
        assertThat(weeks).hasSize(14);
        assertThat(weeks.get(1).from()).isEqualTo(Instant.parse("2026-10-08T00:00:00Z"));
        assertThat(weeks.get(13).from()).isEqualTo(Instant.parse("2026-12-31T00:00:00Z"));
        assertThat(weeks.get(13).to()).isEqualTo(p.to());
        for (int i = 1; i < weeks.size(); i++) {
            assertThat(weeks.get(i).from()).as("no gap, no overlap").isEqualTo(weeks.get(i - 1).to());
        }
    }

    @Test
    void longerPeriodsAreCalendarMonthsTheFirstOneFromTheStart() {
        Period p = period("2025-12-15T00:00:00Z", "2026-12-31T23:59:31Z");
        List<Trends.Bucket> months = Trends.buckets(p);
        assertThat(Trends.unit(p)).isEqualTo(Trends.Unit.MONTH);
        assertThat(months).extracting(Trends.Bucket::label).startsWith("2025-12", "2026-01", "2026-02").endsWith("2026-12").hasSize(13);
        assertThat(months.get(0).to()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(months.get(2).to()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(months.get(12).to()).isEqualTo(p.to());
    }

    @Test
    void theLargestGroupsAreThoseThatReceivedTheMost() {
        List<ReportViews.QualityRow> rows = List.of(row("small", 1), row("big", 9), row("mid", 5), row("also-big", 9));
        assertThat(Trends.largest(rows)).containsExactly("also-big", "big", "mid", "small");
    }

    private static ReportViews.QualityRow row(String group, long received) {
        return new ReportViews.QualityRow(group, received, 0, 0, 0, 0, 0, 0, 0, 0, null, null, null, null, null, null, List.of(),
                null, null, null, null, 0, null);
    }
}
