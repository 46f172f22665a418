package io.leadhandoff.report;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Report rows as RFC 4180 CSV, one column per record component; lists are joined as "a:1;b:2". The one CSV writer of
 * the service: the report API and the console's downloads both answer with it.
 */
public final class Csv {

    /** First characters that make a spreadsheet read a cell as a formula. */
    static final String FORMULA_STARTS = "=+-@\t\r";

    private Csv() {
    }

    public static String of(List<? extends Record> rows) {
        if (rows.isEmpty()) {
            return "";
        }
        RecordComponent[] columns = rows.get(0).getClass().getRecordComponents();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < columns.length; i++) {
            out.append(i == 0 ? "" : ",").append(columns[i].getName());
        }
        out.append("\r\n");
        for (Record row : rows) {
            for (int i = 0; i < columns.length; i++) {
                out.append(i == 0 ? "" : ",").append(cell(value(columns[i], row)));
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    /**
     * Several tables of one report in one CSV document: each section is a line with its name, then its
     * header and rows; sections are separated by an empty line. A spreadsheet opens it as stacked tables.
     */
    public static String sections(java.util.Map<String, List<? extends Record>> tables) {
        StringBuilder out = new StringBuilder();
        tables.forEach((name, rows) -> {
            if (out.length() > 0) {
                out.append("\r\n");
            }
            out.append(cell(name)).append("\r\n").append(of(rows));
        });
        return out.toString();
    }

    /** The funnel report as CSV: its steps. */
    public static String funnel(ReportViews.FunnelReport report) {
        return of(report.steps());
    }

    /** The SLA report as CSV: a section of queue rows, then one of rep rows. */
    public static String sla(ReportViews.SlaReport report) {
        java.util.Map<String, List<? extends Record>> tables = new java.util.LinkedHashMap<>();
        tables.put("queues", report.queues());
        tables.put("reps", report.reps());
        return sections(tables);
    }

    /** The calibration report as CSV: its summary, then its rows by score band and by grade. */
    public static String calibration(ReportViews.CalibrationReport report) {
        java.util.Map<String, List<? extends Record>> tables = new java.util.LinkedHashMap<>();
        tables.put("summary", List.of(new ReportViews.CalibrationSummary(report.modelVersion(), report.from(), report.to(),
                report.labelled(), report.brierScore(), report.auc(), report.probabilitySource())));
        tables.put("byScoreBand", report.byScoreBand());
        tables.put("byGrade", report.byGrade());
        return sections(tables);
    }

    private static Object value(RecordComponent column, Record row) {
        try {
            return column.getAccessor().invoke(row);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof List<?> list ? list.stream().map(Csv::item).collect(Collectors.joining(";")) : value.toString();
        // a cell a spreadsheet would read as a formula (OWASP's list: = + - @, and TAB and CR, behind which some
        // spreadsheets look for one) is neutralised with a leading quote (CSV injection)
        if (!text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0 && !(value instanceof Number)) {
            text = "'" + text;
        }
        return text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")
                ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private static String item(Object item) {
        return item instanceof ReportViews.ReasonCount r ? r.reason() + ":" + r.count() : String.valueOf(item);
    }
}
