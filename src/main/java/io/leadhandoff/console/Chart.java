package io.leadhandoff.console;

import java.util.List;

/**
 * Server-rendered SVG charts: geometry is computed here, the templates only draw it. Every chart has
 * an HTML table of the same numbers beside it; the SVG is {@code role="img"} with this title.
 */
public final class Chart {

    /** Okabe–Ito: distinguishable with every common form of colour blindness. */
    public static final List<String> PALETTE = List.of("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000");
    public static final String POSITIVE = "#0072B2";
    public static final String NEGATIVE = "#D55E00";

    static final int WIDTH = 640;
    static final int LABEL_END = 190;
    static final int PLOT_START = 200;
    static final int PLOT_WIDTH = 360;
    static final int ROW = 26;

    private Chart() {
    }

    /** A tick on an axis: pixel position and its text. */
    public record Tick(int at, String label) {
    }

    /** Horizontal bars, one per row, ranked by the caller. */
    public record Bars(String title, int width, int height, int axisY, List<Bar> bars, List<Tick> ticks) {
        public boolean isEmpty() {
            return bars.isEmpty();
        }

        public int tickLabelY() {
            return axisY + 16;
        }
    }

    /** {@code y} is the top of the bar's row. */
    public record Bar(String label, String valueText, int y, int length, String colour, int textX) {
        public int barY() {
            return y + 4;
        }

        public int textY() {
            return y + 17;
        }
    }

    /** Lines over a shared x axis: weekly rates per source, or a calibration curve. */
    public record Lines(String title, int width, int height, int left, int top, int plotWidth, int plotHeight,
                        List<Series> series, List<Tick> xTicks, List<Tick> yTicks, String diagonal) {
        public boolean isEmpty() {
            return series.stream().allMatch(s -> s.markers().isEmpty());
        }

        public int bottom() {
            return top + plotHeight;
        }

        public int right() {
            return left + plotWidth;
        }

        public int tickLabelX() {
            return left - 6;
        }

        public int xLabelY() {
            return bottom() + 18;
        }

        public int legendX() {
            return right() + 20;
        }

        public int legendTextX() {
            return right() + 38;
        }
    }

    public record Series(String name, String colour, String points, List<Marker> markers, int legendY) {
        public int legendTextY() {
            return legendY + 11;
        }
    }

    public record Marker(int x, int y, String label) {
    }

    /** Stacked horizontal bars: each row's parts side by side, one colour per kind of part, named in the legend. */
    public record Stacked(String title, int width, int height, int axisY, List<StackRow> rows, List<Tick> ticks, List<Legend> legend) {
        public boolean isEmpty() {
            return rows.isEmpty();
        }

        public int tickLabelY() {
            return axisY + 16;
        }
    }

    /** {@code y} is the top of the row; the total is printed after the last part. */
    public record StackRow(String label, String valueText, int y, List<Part> parts, int textX) {
        public int barY() {
            return y + 4;
        }

        public int textY() {
            return y + 17;
        }
    }

    /** A part of a row: where it starts, its length, and what it counts (its tooltip). */
    public record Part(int x, int length, String colour, String title) {
    }

    /** A legend entry below the plot. */
    public record Legend(int y, String colour, String label) {
        public int textY() {
            return y + 11;
        }
    }

    /** A waterfall: each step starts where the previous one ended; the last bar is the result. */
    public record Waterfall(String title, int width, int height, int zeroX, int axisY, List<Step> steps) {
        public boolean isEmpty() {
            return steps.isEmpty();
        }
    }

    /** {@code y} is the top of the step's row. */
    public record Step(String label, String pointsText, int y, int x, int length, String colour, int textX) {
        public int barY() {
            return y + 4;
        }

        public int textY() {
            return y + 17;
        }
    }
}
