package io.leadhandoff.report;

import io.leadhandoff.common.ProblemException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The order of lead-quality rows: {@code sort=acceptanceRate} ascending, {@code sort=-acceptanceRate}
 * descending, by any number column of a row or by {@code group}. Rows without a value come last either
 * way; ties keep the group order.
 */
final class QualitySort {

    /** Every column a row can be sorted by, with how to read it. */
    static final Map<String, Function<ReportViews.QualityRow, Comparable<?>>> COLUMNS = columns();

    private QualitySort() {
    }

    /** Refuses an unknown column with a 422 naming the parameter, before any report is computed. */
    static String check(String sort) {
        if (sort != null && !sort.isEmpty() && !COLUMNS.containsKey(sort.startsWith("-") ? sort.substring(1) : sort)) {
            throw ProblemException.invalidParameter("sort", "must be one of " + String.join(", ", COLUMNS.keySet())
                    + ", optionally with a leading - for descending");
        }
        return sort;
    }

    static ReportViews.QualityReport apply(ReportViews.QualityReport report, String sort) {
        if (check(sort) == null || sort.isEmpty()) {
            return report;
        }
        boolean descending = sort.startsWith("-");
        Function<ReportViews.QualityRow, Comparable<?>> read = COLUMNS.get(descending ? sort.substring(1) : sort);
        @SuppressWarnings({"unchecked", "rawtypes"})
        Comparator<Comparable> natural = descending ? Comparator.<Comparable>naturalOrder().reversed() : Comparator.<Comparable>naturalOrder();
        @SuppressWarnings({"unchecked", "rawtypes"})
        Comparator<ReportViews.QualityRow> order = Comparator.comparing(r -> (Comparable) read.apply(r), Comparator.nullsLast(natural));
        List<ReportViews.QualityRow> rows = new ArrayList<>(report.rows());
        rows.sort(order);
        return new ReportViews.QualityReport(report.groupBy(), report.from(), report.to(), rows);
    }

    private static Map<String, Function<ReportViews.QualityRow, Comparable<?>>> columns() {
        return Arrays.stream(ReportViews.QualityRow.class.getRecordComponents())
                .filter(c -> c.getName().equals("group") || Number.class.isAssignableFrom(box(c.getType())))
                .collect(Collectors.toMap(RecordComponent::getName, c -> row -> read(c, row),
                        (a, b) -> a, java.util.LinkedHashMap::new));
    }

    private static Comparable<?> read(RecordComponent column, ReportViews.QualityRow row) {
        try {
            Object value = column.getAccessor().invoke(row);
            if (value instanceof BigDecimal || value instanceof String || value == null) {
                return (Comparable<?>) value;
            }
            return ((Number) value).doubleValue();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> box(Class<?> type) {
        return type == long.class ? Long.class : type == double.class ? Double.class : type == int.class ? Integer.class : type;
    }
}
