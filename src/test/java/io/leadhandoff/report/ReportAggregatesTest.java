package io.leadhandoff.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The pure maths of reports: adding up groups, medians from duration histograms, calibration measures. */
class ReportAggregatesTest {

    private static GroupCounts counts(long received, long accepted, String wonAmount) {
        return new GroupCounts(received, 1, 2, accepted, 3, 4, 5, 6, 7, 8, 9, new BigDecimal(wonAmount), 10, 11);
    }

    @Test
    void durationBucketsAreExactBelowAHundredSecondsAndWithinTwoAndAHalfPercentAbove() {
        for (int s = 0; s < DurationBuckets.EXACT_BELOW; s++) {
            assertThat(DurationBuckets.representative(s)).isEqualTo(s);
        }
        for (long d : new long[] {100, 157, 999, 3_600, 86_400, 2_592_000, 31_536_000}) {
            int bucket = (int) (DurationBuckets.EXACT_BELOW + Math.floor(Math.log(d / 100.0) / Math.log(DurationBuckets.GROWTH)));
            assertThat((double) DurationBuckets.representative(bucket)).isCloseTo(d, within(d * 0.025 + 1));
        }
    }

    @Test
    void countsOfTheSameGroupAddUpFieldByField() {
        ReportAggregates agg = new ReportAggregates();
        agg.add(new RollupRows.Counts("web", counts(3, 1, "10.50")));
        agg.add(new RollupRows.Counts("web", counts(4, 2, "5")));
        agg.add(new RollupRows.Counts("ads", counts(1, 0, "0")));

        assertThat(agg.counts()).containsOnlyKeys("ads", "web");
        assertThat(agg.counts("web")).isEqualTo(new GroupCounts(7, 2, 4, 3, 6, 8, 10, 12, 14, 16, 18, new BigDecimal("15.50"), 20, 22));
        assertThat(agg.counts("none")).isEqualTo(GroupCounts.ZERO);
    }

    @Test
    void medianIsTheNearestRankBucketAcrossDaysAndEdges() {
        ReportAggregates agg = new ReportAggregates();
        agg.add(new RollupRows.Duration("toClaim", "web", 10, 2));
        agg.add(new RollupRows.Duration("toClaim", "web", 50, 1));
        agg.add(new RollupRows.Duration("toClaim", "web", 10, 1));
        agg.add(new RollupRows.Duration("toClaim", "web", 90, 3));

        // seven leads: 10 s three times, 50 s once, 90 s three times
        assertThat(agg.percentile("toClaim", "web", 0.4)).isEqualTo(10.0);
        assertThat(agg.percentile("toClaim", "web", 0.5)).isEqualTo(50.0);
        assertThat(agg.percentile("toClaim", "web", 0.6)).isEqualTo(90.0);
        assertThat(agg.percentile("toClaim", "ads", 0.5)).isNull();
        assertThat(agg.percentile("toFeedback", "web", 0.5)).isNull();
    }

    @Test
    void topReasonsAreTheThreeMostFrequentTiesByName() {
        ReportAggregates agg = new ReportAggregates();
        agg.add(new RollupRows.Reason("web", "spam", 2));
        agg.add(new RollupRows.Reason("web", "budget", 5));
        agg.add(new RollupRows.Reason("web", "duplicate", 2));
        agg.add(new RollupRows.Reason("web", "timing", 1));
        agg.add(new RollupRows.Reason("web", "spam", 1));

        assertThat(agg.topReasons("web")).containsExactly(new ReportViews.ReasonCount("budget", 5),
                new ReportViews.ReasonCount("spam", 3), new ReportViews.ReasonCount("duplicate", 2));
        assertThat(agg.topReasons("ads")).isEmpty();
    }

    @Test
    void calibrationTalliesBandsAndGradesAndMeasuresBrierExactly() {
        CalibrationSums sums = new CalibrationSums();
        // two accepted leads given 0.8 each, three rejected leads given 0.2 each
        sums.add(new RollupRows.Calibration(1, 80, "A", 1, 1, 2, 1.6, 1.28));
        sums.add(new RollupRows.Calibration(1, 20, "C", 0, 0, 3, 0.6, 0.12));

        assertThat(sums.labelled()).isEqualTo(5);
        assertThat(sums.bands().get(80)).isEqualTo(new CalibrationSums.Tally(2, 2, 2, 1.6));
        assertThat(sums.grades().get("C")).isEqualTo(new CalibrationSums.Tally(3, 0, 0, 0.6));
        // mean of (0.8 - 1)² twice and (0.2 - 0)² three times
        assertThat(sums.brier()).isCloseTo(0.04, within(1e-9));
    }

    @Test
    void aucCountsLeadsInOneProbabilityBucketAsTies() {
        CalibrationSums separated = new CalibrationSums();
        separated.add(new RollupRows.Probability(1, 20, 0, 3));
        separated.add(new RollupRows.Probability(1, 80, 1, 2));
        assertThat(separated.auc()).isEqualTo(1.0);

        CalibrationSums tied = new CalibrationSums();
        tied.add(new RollupRows.Probability(1, 50, 0, 3));
        tied.add(new RollupRows.Probability(1, 50, 1, 2));
        assertThat(tied.auc()).isEqualTo(0.5);

        CalibrationSums oneClass = new CalibrationSums();
        oneClass.add(new RollupRows.Probability(1, 50, 1, 2));
        assertThat(oneClass.auc()).isNull();
        assertThat(new CalibrationSums().brier()).isNull();
    }
}
