package io.leadhandoff.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Builds chart geometry from numbers; pure, so its arithmetic is unit-tested without a server. */
public final class Charts {

    /** One bar to draw: its label, its length as a share of the axis (0–1) and the number printed beside it. */
    public record BarInput(String label, double share, String valueText) {
    }

    /** One point of a series, both coordinates as shares of their axis (0–1). */
    public record PointInput(double x, double y, String label) {
    }

    public record SeriesInput(String name, List<PointInput> points) {
    }

    /** One row of stacked bars: its label and its parts' counts in the order of the legend's kinds (0: none of that kind). */
    public record StackInput(String label, List<Long> counts) {
    }

    /** One step of a waterfall: a signed amount added to the running total. */
    public record StepInput(String label, double amount) {
    }

    private static final int LINE_LEFT = 50;
    private static final int LINE_TOP = 10;
    private static final int LINE_PLOT_WIDTH = 380;
    private static final int LINE_PLOT_HEIGHT = 220;

    private Charts() {
    }

    /** Bars on a 0–100 % axis (rates) or a 0–max axis (counts: shares relative to the largest). */
    public static Chart.Bars bars(String title, List<BarInput> inputs, List<String> tickLabels) {
        List<Chart.Bar> bars = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            BarInput in = inputs.get(i);
            int length = (int) Math.round(clamp(in.share()) * Chart.PLOT_WIDTH);
            bars.add(new Chart.Bar(Fmt.shortLabel(in.label(), 28), in.valueText(), i * Chart.ROW, length,
                    Chart.PALETTE.get(0), Chart.PLOT_START + length + 6));
        }
        int axisY = inputs.size() * Chart.ROW;
        return new Chart.Bars(title, Chart.WIDTH, axisY + 24, axisY, bars, ticks(tickLabels, Chart.PLOT_START, Chart.PLOT_WIDTH));
    }

    /**
     * Stacked bars of counts: rows share one axis from 0 to the largest row's total; {@code kinds} name the parts
     * (colours from the palette in that order, the last one grey when {@code lastIsRest}).
     */
    public static Chart.Stacked stacked(String title, List<StackInput> inputs, List<String> kinds, boolean lastIsRest) {
        long max = inputs.stream().mapToLong(r -> r.counts().stream().mapToLong(Long::longValue).sum()).max().orElse(0);
        List<Chart.StackRow> rows = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            StackInput in = inputs.get(i);
            List<Chart.Part> parts = new ArrayList<>();
            int x = Chart.PLOT_START;
            long total = 0;
            for (int k = 0; k < kinds.size(); k++) {
                long n = k < in.counts().size() ? in.counts().get(k) : 0;
                if (n <= 0) {
                    continue;
                }
                total += n;
                int end = Chart.PLOT_START + (int) Math.round((double) total / max * Chart.PLOT_WIDTH);
                parts.add(new Chart.Part(x, Math.max(1, end - x), colour(k, kinds.size(), lastIsRest), kinds.get(k) + ": " + n));
                x = end;
            }
            rows.add(new Chart.StackRow(Fmt.shortLabel(in.label(), 28), number(total), i * Chart.ROW, parts, x + 6));
        }
        int axisY = inputs.size() * Chart.ROW;
        List<Chart.Legend> legend = new ArrayList<>();
        for (int k = 0; k < kinds.size(); k++) {
            legend.add(new Chart.Legend(axisY + 28 + k * 18, colour(k, kinds.size(), lastIsRest), Fmt.shortLabel(kinds.get(k), 40)));
        }
        // whole numbers only: a middle tick when the axis halves evenly
        List<String> ticks = max == 0 ? List.of("0") : max % 2 == 0 ? List.of("0", number(max / 2.0), number(max)) : List.of("0", number(max));
        return new Chart.Stacked(title, Chart.WIDTH, axisY + 28 + kinds.size() * 18 + 4, axisY, rows,
                ticks(ticks, Chart.PLOT_START, Chart.PLOT_WIDTH), legend);
    }

    /** Grey, darker than the palette's lightest, for "the rest". */
    static final String REST = "#767676";

    private static String colour(int kind, int kinds, boolean lastIsRest) {
        return lastIsRest && kind == kinds - 1 ? REST : Chart.PALETTE.get(kind % Chart.PALETTE.size());
    }

    /** Lines with points on shared axes; {@code diagonal} draws y = x (perfect calibration). */
    public static Chart.Lines lines(String title, List<SeriesInput> inputs, List<String> xTicks, List<String> yTicks, boolean diagonal) {
        List<Chart.Series> series = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            SeriesInput in = inputs.get(i);
            List<Chart.Marker> markers = new ArrayList<>();
            StringBuilder points = new StringBuilder();
            for (PointInput p : in.points()) {
                int x = LINE_LEFT + (int) Math.round(clamp(p.x()) * LINE_PLOT_WIDTH);
                int y = LINE_TOP + LINE_PLOT_HEIGHT - (int) Math.round(clamp(p.y()) * LINE_PLOT_HEIGHT);
                markers.add(new Chart.Marker(x, y, p.label()));
                points.append(points.isEmpty() ? "" : " ").append(x).append(',').append(y);
            }
            series.add(new Chart.Series(Fmt.shortLabel(in.name(), 24), Chart.PALETTE.get(i % Chart.PALETTE.size()), points.toString(), markers,
                    LINE_TOP + 12 + i * 20));
        }
        List<Chart.Tick> ys = new ArrayList<>();
        for (int i = 0; i < yTicks.size(); i++) {
            double share = yTicks.size() == 1 ? 0 : (double) i / (yTicks.size() - 1);
            ys.add(new Chart.Tick(LINE_TOP + LINE_PLOT_HEIGHT - (int) Math.round(share * LINE_PLOT_HEIGHT), yTicks.get(i)));
        }
        String line = diagonal ? String.format(Locale.ROOT, "%d,%d %d,%d", LINE_LEFT, LINE_TOP + LINE_PLOT_HEIGHT,
                LINE_LEFT + LINE_PLOT_WIDTH, LINE_TOP) : null;
        return new Chart.Lines(title, Chart.WIDTH, LINE_TOP + LINE_PLOT_HEIGHT + 40, LINE_LEFT, LINE_TOP, LINE_PLOT_WIDTH,
                LINE_PLOT_HEIGHT, series, ticks(xTicks, LINE_LEFT, LINE_PLOT_WIDTH), ys, line);
    }

    /** A waterfall of signed steps from 0; a final bar shows the {@code result} from 0. */
    public static Chart.Waterfall waterfall(String title, List<StepInput> steps, String resultLabel) {
        double running = 0;
        double low = 0;
        double high = 1;
        for (StepInput s : steps) {
            running += s.amount();
            low = Math.min(low, running);
            high = Math.max(high, running);
        }
        double span = high - low;
        List<Chart.Step> out = new ArrayList<>();
        running = 0;
        for (int i = 0; i < steps.size(); i++) {
            StepInput s = steps.get(i);
            double start = running;
            running += s.amount();
            out.add(step(s.label(), signed(s.amount()), i, Math.min(start, running), Math.abs(s.amount()), low, span,
                    s.amount() < 0 ? Chart.NEGATIVE : Chart.POSITIVE));
        }
        out.add(step(resultLabel, number(running), steps.size(), Math.min(0, running), Math.abs(running), low, span, "#000000"));
        int axisY = out.size() * Chart.ROW;
        int zeroX = Chart.PLOT_START + (int) Math.round((0 - low) / span * Chart.PLOT_WIDTH);
        return new Chart.Waterfall(title, Chart.WIDTH, axisY + 8, zeroX, axisY, out);
    }

    private static Chart.Step step(String label, String text, int row, double from, double amount, double low, double span, String colour) {
        int x = Chart.PLOT_START + (int) Math.round((from - low) / span * Chart.PLOT_WIDTH);
        int length = Math.max(1, (int) Math.round(amount / span * Chart.PLOT_WIDTH));
        return new Chart.Step(Fmt.shortLabel(label, 28), text, row * Chart.ROW, x, length, colour, x + length + 6);
    }

    private static List<Chart.Tick> ticks(List<String> labels, int start, int width) {
        List<Chart.Tick> ticks = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            double share = labels.size() == 1 ? 0 : (double) i / (labels.size() - 1);
            ticks.add(new Chart.Tick(start + (int) Math.round(share * width), labels.get(i)));
        }
        return ticks;
    }

    private static double clamp(double share) {
        return Double.isNaN(share) ? 0 : Math.max(0, Math.min(1, share));
    }

    private static String signed(double amount) {
        return (amount > 0 ? "+" : amount < 0 ? "−" : "") + number(Math.abs(amount));
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }

    /** Axis labels 0 %, 25 %, … 100 %. */
    static final List<String> PERCENT_TICKS = List.of("0 %", "25 %", "50 %", "75 %", "100 %");
}
