package io.leadhandoff.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.hibernate.Session;
import org.hibernate.query.NativeQuery;

/**
 * Applies leads that changed to the aggregates: subtracts what each added at the last refresh (its snapshot), replaces
 * the snapshot with its current row, adds what that adds. The aggregates stay the sum of the snapshots, so the cost of
 * a refresh follows the leads that changed, not the leads of the days they were received on; rows that come to add
 * nothing are removed, as a rebuild would not have them.
 */
@ApplicationScoped
public class RollupDeltas {

    /** Leads applied per round of queries. */
    static final int CHUNK = 500;
    private static final String CHANGED = " l.id in (:ids) ";

    private final EntityManager em;

    public RollupDeltas(EntityManager em) {
        this.em = em;
    }

    /** Applies {@code leadIds} in the current transaction. */
    void apply(List<String> leadIds) {
        for (int from = 0; from < leadIds.size(); from += CHUNK) {
            applyChunk(leadIds.subList(from, Math.min(leadIds.size(), from + CHUNK)));
        }
    }

    private void applyChunk(List<String> ids) {
        Map<RollupTargets.Target, Map<List<Object>, BigDecimal[]>> deltas = new LinkedHashMap<>();
        collect(deltas, ids, BigDecimal.ONE.negate());
        em.createNativeQuery("delete from " + RollupTargets.SNAPSHOT + " where id in (:ids)").setParameter("ids", ids).executeUpdate();
        em.createNativeQuery("insert into " + RollupTargets.SNAPSHOT + " (" + RollupTargets.SNAPSHOT_COLUMNS + ") select "
                + RollupTargets.SNAPSHOT_COLUMNS + " from lead l where" + CHANGED).setParameter("ids", ids).executeUpdate();
        collect(deltas, ids, BigDecimal.ONE);
        Map<String, TreeSet<LocalDate>> touched = new HashMap<>();
        em.unwrap(Session.class).doWork(connection -> {
            for (Map.Entry<RollupTargets.Target, Map<List<Object>, BigDecimal[]>> e : deltas.entrySet()) {
                List<Map.Entry<List<Object>, BigDecimal[]>> rows = e.getValue().entrySet().stream().filter(r -> changes(r.getValue())).toList();
                if (!rows.isEmpty()) {
                    add(connection, e.getKey(), rows);
                    rows.forEach(r -> touched.computeIfAbsent(e.getKey().table(), t -> new TreeSet<>()).add((LocalDate) r.getKey().get(0)));
                }
            }
        });
        for (RollupTargets.Target target : RollupTargets.ALL) {
            TreeSet<LocalDate> days = touched.remove(target.table());
            if (days != null) {
                em.createNativeQuery("delete from " + target.table() + " where on_day in (:days) and " + target.countColumn() + " = 0")
                        .setParameter("days", days).executeUpdate();
            }
        }
    }

    /** What one row of an aggregate's grouped select over snapshots adds: the aggregate's key, then its value columns. */
    private record Added(List<Object> key, List<BigDecimal> values) {
    }

    /** Adds {@code sign} × what the snapshots of {@code ids} add to each aggregate, by the aggregate's key. */
    @SuppressWarnings("unchecked")
    private void collect(Map<RollupTargets.Target, Map<List<Object>, BigDecimal[]>> deltas, List<String> ids, BigDecimal sign) {
        for (RollupTargets.Target target : RollupTargets.ALL) {
            Map<List<Object>, BigDecimal[]> rows = deltas.computeIfAbsent(target, t -> new LinkedHashMap<>());
            int keys = target.keys().size();
            int values = target.values().size();
            List<Added> added = em.createNativeQuery(target.select().over(RollupTargets.SNAPSHOT, CHANGED))
                    .setParameter("ids", ids).unwrap(NativeQuery.class)
                    .setTupleTransformer((r, aliases) -> {
                        List<Object> key = new ArrayList<>(keys);
                        for (int i = 0; i < keys; i++) {
                            key.add(keyValue(r[i]));
                        }
                        List<BigDecimal> sums = new ArrayList<>(values);
                        for (int i = 0; i < values; i++) {
                            sums.add(decimal(r[keys + i]));
                        }
                        return new Added(key, sums);
                    })
                    .getResultList();
            for (Added a : added) {
                BigDecimal[] sum = rows.computeIfAbsent(a.key(), k -> zeros(values));
                for (int i = 0; i < sum.length; i++) {
                    sum[i] = sum[i].add(a.values().get(i).multiply(sign));
                }
            }
        }
    }

    /**
     * Adds each row's values to the aggregate row of its key (one batch of updates, each finding its row by the unique
     * key), then inserts the rows whose key had none (a second batch).
     */
    private static void add(Connection connection, RollupTargets.Target target, List<Map.Entry<List<Object>, BigDecimal[]>> rows)
            throws SQLException {
        List<String> sets = target.values().stream().map(c -> c + " = " + c + " + ?").toList();
        String where = keyWhere(target);
        List<Map.Entry<List<Object>, BigDecimal[]>> missing = new ArrayList<>();
        try (PreparedStatement update = connection.prepareStatement("update " + target.table() + " set " + String.join(", ", sets)
                + " where " + where)) {
            for (Map.Entry<List<Object>, BigDecimal[]> row : rows) {
                int i = bind(update, 1, row.getValue());
                bind(update, i, row.getKey().toArray());
                update.addBatch();
            }
            int[] counts = update.executeBatch();
            for (int r = 0; r < rows.size(); r++) {
                if (counts[r] == 0 || counts[r] == Statement.SUCCESS_NO_INFO && !exists(connection, target, rows.get(r).getKey())) {
                    missing.add(rows.get(r));
                }
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        String marks = String.join(", ", Collections.nCopies(target.keys().size() + target.values().size(), "?"));
        try (PreparedStatement insert = connection.prepareStatement("insert into " + target.table() + " (" + target.insertColumns()
                + ") values (" + marks + ")")) {
            for (Map.Entry<List<Object>, BigDecimal[]> row : missing) {
                int i = bind(insert, 1, row.getKey().toArray());
                bind(insert, i, row.getValue());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Whether the aggregate has a row for {@code key}: for a driver that runs a batch without counting its rows. */
    private static boolean exists(Connection connection, RollupTargets.Target target, List<Object> key) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select count(*) from " + target.table() + " where " + keyWhere(target))) {
            bind(select, 1, key.toArray());
            try (ResultSet found = select.executeQuery()) {
                return found.next() && found.getLong(1) > 0;
            }
        }
    }

    private static String keyWhere(RollupTargets.Target target) {
        return String.join(" and ", target.keys().stream().map(k -> k + " = ?").toList());
    }

    /** Binds {@code values} from parameter {@code first} on; returns the next parameter's index. */
    private static int bind(PreparedStatement statement, int first, Object[] values) throws SQLException {
        int i = first;
        for (Object value : values) {
            statement.setObject(i++, value);
        }
        return i;
    }

    /** Key columns are never null (the aggregate SQL coalesces them); days and whole numbers compare by value. */
    private static Object keyValue(Object value) {
        if (value instanceof Date d) {
            return d.toLocalDate();
        }
        if (value instanceof LocalDate || value instanceof String) {
            return value;
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        return String.valueOf(value);
    }

    private static boolean changes(BigDecimal[] values) {
        for (BigDecimal v : values) {
            if (v.signum() != 0) {
                return true;
            }
        }
        return false;
    }

    private static BigDecimal[] zeros(int n) {
        BigDecimal[] out = new BigDecimal[n];
        Arrays.fill(out, BigDecimal.ZERO);
        return out;
    }

    private static BigDecimal decimal(Object value) {
        if (value == null) {
            return BigDecimal.ZERO;
        }
        return value instanceof BigDecimal b ? b : new BigDecimal(value.toString());
    }
}
