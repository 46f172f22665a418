package io.leadhandoff.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChartsTest {

    @Test
    void barLengthsAreTheirShareOfTheAxisAndRatesOutsideZeroToOneAreClamped() {
        Chart.Bars chart = Charts.bars("t", List.of(new Charts.BarInput("a", 0.5, "50 %"), new Charts.BarInput("b", 1.7, "170 %"),
                new Charts.BarInput("c", Double.NaN, "?")), Charts.PERCENT_TICKS);
        assertThat(chart.bars()).extracting(Chart.Bar::length).containsExactly(Chart.PLOT_WIDTH / 2, Chart.PLOT_WIDTH, 0);
        assertThat(chart.bars()).extracting(Chart.Bar::y).containsExactly(0, Chart.ROW, 2 * Chart.ROW);
        assertThat(chart.ticks()).extracting(Chart.Tick::at).containsExactly(Chart.PLOT_START, Chart.PLOT_START + 90, Chart.PLOT_START + 180,
                Chart.PLOT_START + 270, Chart.PLOT_START + Chart.PLOT_WIDTH);
    }

    @Test
    void waterfallStepsStartWhereThePreviousEndedAndTheResultBarIsTheirSum() {
        Chart.Waterfall chart = Charts.waterfall("fit", List.of(new Charts.StepInput("title", 30), new Charts.StepInput("cap", -10),
                new Charts.StepInput("size", 20)), "Fit score");
        // axis 0..40: 9 px per point
        assertThat(chart.steps()).extracting(Chart.Step::x)
                .containsExactly(Chart.PLOT_START, Chart.PLOT_START + 180, Chart.PLOT_START + 180, Chart.PLOT_START);
        assertThat(chart.steps()).extracting(Chart.Step::length).containsExactly(270, 90, 180, 360);
        assertThat(chart.steps()).extracting(Chart.Step::pointsText).containsExactly("+30", "−10", "+20", "40");
        assertThat(chart.steps().get(1).colour()).isEqualTo(Chart.NEGATIVE);
    }

    @Test
    void aNegativeRunningTotalMovesTheZeroLine() {
        Chart.Waterfall chart = Charts.waterfall("e", List.of(new Charts.StepInput("decay", -10), new Charts.StepInput("visits", 30)), "Engagement");
        // axis -10..20: zero a third of the way along
        assertThat(chart.zeroX()).isEqualTo(Chart.PLOT_START + 120);
        assertThat(chart.steps().get(0).x()).isEqualTo(Chart.PLOT_START);
    }

    @Test
    void pointsOfALineMapZeroToTheBottomAndOneToTheTop() {
        Chart.Lines chart = Charts.lines("c", List.of(new Charts.SeriesInput("m", List.of(new Charts.PointInput(0, 0, "a"),
                new Charts.PointInput(1, 1, "b")))), Charts.PERCENT_TICKS, Charts.PERCENT_TICKS, true);
        Chart.Series series = chart.series().get(0);
        assertThat(series.markers()).extracting(Chart.Marker::x).containsExactly(chart.left(), chart.right());
        assertThat(series.markers()).extracting(Chart.Marker::y).containsExactly(chart.bottom(), chart.top());
        assertThat(chart.diagonal()).isEqualTo(chart.left() + "," + chart.bottom() + " " + chart.right() + "," + chart.top());
        assertThat(series.points()).isEqualTo(chart.diagonal());
    }

    @Test
    void stackedPartsFollowEachOtherAndTheLongestRowFillsTheAxis() {
        Chart.Stacked chart = Charts.stacked("r", List.of(new Charts.StackInput("a", List.of(2L, 0L, 2L)),
                new Charts.StackInput("b", List.of(1L, 1L, 0L))), List.of("No budget", "Not a fit", "Other reasons"), true);
        Chart.StackRow a = chart.rows().get(0);
        // axis 0..4: 90 px per lead; a part of 0 is not drawn
        assertThat(a.parts()).extracting(Chart.Part::x).containsExactly(Chart.PLOT_START, Chart.PLOT_START + 180);
        assertThat(a.parts()).extracting(Chart.Part::length).containsExactly(180, 180);
        assertThat(a.parts()).extracting(Chart.Part::colour).containsExactly(Chart.PALETTE.get(0), Charts.REST);
        assertThat(a.parts()).extracting(Chart.Part::title).containsExactly("No budget: 2", "Other reasons: 2");
        assertThat(a.valueText()).isEqualTo("4");
        assertThat(chart.ticks()).extracting(Chart.Tick::label).containsExactly("0", "2", "4");
        Chart.StackRow b = chart.rows().get(1);
        assertThat(b.parts()).extracting(Chart.Part::colour).containsExactly(Chart.PALETTE.get(0), Chart.PALETTE.get(1));
        assertThat(b.parts().get(1).x() + b.parts().get(1).length()).isEqualTo(Chart.PLOT_START + 180);
        assertThat(b.y()).isEqualTo(Chart.ROW);
        assertThat(chart.legend()).extracting(Chart.Legend::label).containsExactly("No budget", "Not a fit", "Other reasons");
        assertThat(chart.legend().get(0).y()).isGreaterThan(chart.tickLabelY());
        assertThat(chart.height()).isGreaterThan(chart.legend().get(2).y() + 12);
    }

    @Test
    void stackedWithNothingIsEmpty() {
        assertThat(Charts.stacked("r", List.of(), List.of("x"), false).isEmpty()).isTrue();
    }
}
