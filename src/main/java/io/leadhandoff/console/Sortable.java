package io.leadhandoff.console;

import io.leadhandoff.common.ProblemException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A table's sortable columns. The page's sort parameter names a column, with a leading '-' for descending;
 * each column header links to its order (the reverse one when it is the current order) and carries
 * {@code aria-sort} when current. Rows without a value come last whichever the direction, as in the report API.
 *
 * @param <T> a row
 */
final class Sortable<T> {

    /** A column's header: its text, its link, and (when the table is in its order) "ascending" or "descending". */
    public record Header(String label, String href, String ariaSort) {
    }

    private record Column<T>(String label, Function<T, ? extends Comparable<?>> value) {
    }

    private final Map<String, Column<T>> columns = new LinkedHashMap<>();

    /** A column sorted by {@code value}; a null value sorts last. */
    <V extends Comparable<? super V>> Sortable<T> column(String key, String label, Function<T, V> value) {
        columns.put(key, new Column<>(label, value));
        return this;
    }

    /** The order {@code sort} asks for, or null for the page's own (none asked); a 422 naming the columns otherwise. */
    Comparator<T> order(String parameter, String sort) {
        if (sort == null || sort.isBlank()) {
            return null;
        }
        boolean descending = sort.startsWith("-");
        Column<T> column = columns.get(descending ? sort.substring(1) : sort);
        if (column == null) {
            throw ProblemException.invalidParameter(parameter, "must be one of " + String.join(", ", new TreeSet<>(columns.keySet()))
                    + ", each optionally after -");
        }
        return (a, b) -> compare(column.value().apply(a), column.value().apply(b), descending);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Comparable x, Comparable y, boolean descending) {
        if (x == null || y == null) {
            return x == y ? 0 : x == null ? 1 : -1;
        }
        return descending ? y.compareTo(x) : x.compareTo(y);
    }

    /** Every column's header; {@code base} is the page's address with its other parameters, ending where the sort value goes. */
    Map<String, Header> headers(String base, String sort) {
        Map<String, Header> headers = new LinkedHashMap<>();
        columns.forEach((key, column) -> {
            boolean ascending = key.equals(sort);
            boolean descending = ("-" + key).equals(sort);
            headers.put(key, new Header(column.label(), base + LeadListPage.enc(ascending ? "-" + key : key),
                    ascending ? "ascending" : descending ? "descending" : null));
        });
        return headers;
    }

    /** The rows in {@code order}, or as they came when it is null. */
    static <T> java.util.List<T> sorted(java.util.List<T> rows, Comparator<T> order) {
        return order == null ? rows : rows.stream().sorted(order).toList();
    }
}
