package io.leadhandoff.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

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
        deltas.forEach((target, rows) -> rows.forEach((key, values) -> {
            if (changes(values)) {
                add(target, key, values);
                touched.computeIfAbsent(target.table(), t -> new TreeSet<>()).add((LocalDate) key.get(0));
            }
        }));
        for (RollupTargets.Target target : RollupTargets.ALL) {
            TreeSet<LocalDate> days = touched.remove(target.table());
            if (days != null) {
                em.createNativeQuery("delete from " + target.table() + " where on_day in (:days) and " + target.countColumn() + " = 0")
                        .setParameter("days", days).executeUpdate();
            }
        }
    }

    /** Adds {@code sign} × what the snapshots of {@code ids} add to each aggregate, by the aggregate's key. */
    @SuppressWarnings("unchecked")
    private void collect(Map<RollupTargets.Target, Map<List<Object>, BigDecimal[]>> deltas, List<String> ids, BigDecimal sign) {
        for (RollupTargets.Target target : RollupTargets.ALL) {
            Map<List<Object>, BigDecimal[]> rows = deltas.computeIfAbsent(target, t -> new LinkedHashMap<>());
            int keys = target.keys().size();
            for (Object[] r : (List<Object[]>) em.createNativeQuery(target.select().over(RollupTargets.SNAPSHOT, CHANGED))
                    .setParameter("ids", ids).getResultList()) {
                List<Object> key = new ArrayList<>(keys);
                for (int i = 0; i < keys; i++) {
                    key.add(keyValue(r[i]));
                }
                BigDecimal[] sum = rows.computeIfAbsent(key, k -> zeros(target.values().size()));
                for (int i = 0; i < sum.length; i++) {
                    sum[i] = sum[i].add(decimal(r[keys + i]).multiply(sign));
                }
            }
        }
    }

    /** Adds {@code values} to the aggregate row of {@code key}, creating it when there is none. */
    private void add(RollupTargets.Target target, List<Object> key, BigDecimal[] values) {
        StringBuilder sql = new StringBuilder("update ").append(target.table()).append(" set ");
        for (int i = 0; i < values.length; i++) {
            String column = target.values().get(i);
            sql.append(i == 0 ? "" : ", ").append(column).append(" = ").append(column).append(" + :v").append(i);
        }
        sql.append(" where ");
        for (int i = 0; i < key.size(); i++) {
            sql.append(i == 0 ? "" : " and ").append(target.keys().get(i)).append(" = :k").append(i);
        }
        if (bind(em.createNativeQuery(sql.toString()), key, values).executeUpdate() == 0) {
            bind(em.createNativeQuery("insert into " + target.table() + " (" + target.insertColumns() + ") values ("
                    + placeholders("k", key.size()) + ", " + placeholders("v", values.length) + ")"), key, values).executeUpdate();
        }
    }

    private static Query bind(Query query, List<Object> key, BigDecimal[] values) {
        for (int i = 0; i < key.size(); i++) {
            query.setParameter("k" + i, key.get(i));
        }
        for (int i = 0; i < values.length; i++) {
            query.setParameter("v" + i, values[i]);
        }
        return query;
    }

    private static String placeholders(String prefix, int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(":" + prefix + i);
        }
        return String.join(", ", out);
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
