package io.leadhandoff.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The aggregate tables as grouped selects over leads: each {@link Target} names a table's key and value columns and
 * builds the select that fills them from the leads {@code l} of a table ({@code lead}, or the snapshot of what each
 * lead added at the last refresh, {@code report_lead_snapshot}, which has the same column names) that pass a filter.
 * A day is recomputed by inserting these selects over its leads; a changed lead is applied by subtracting the
 * selects over its snapshot and adding them over its current row.
 */
final class RollupTargets {

    /** One aggregate table: its key columns, its value columns, the column that is 0 only when the row adds nothing. */
    record Target(String table, List<String> keys, List<String> values, String countColumn, Select select) {

        String insertColumns() {
            List<String> all = new ArrayList<>(keys);
            all.addAll(values);
            return String.join(", ", all);
        }
    }

    /** The grouped select of a target: key columns then value columns, over {@code table l where filter}. */
    @FunctionalInterface
    interface Select {
        String over(String table, String filter);
    }

    /** What each lead added to the aggregates at the last refresh: its report columns as they were then. */
    static final String SNAPSHOT = "report_lead_snapshot";
    /** The lead columns the aggregates read, under the same names in {@code lead} and the snapshot. */
    static final String SNAPSHOT_COLUMNS = "id, created_at, source, campaign, queue_id, owner_rep_id, feedback_rep_id, score_total, "
            + "score_grade, score_model_version, acceptance_probability, disqualified, routed_at, first_claimed_at, first_feedback_at, "
            + "accepted_at, rejected_at, recycled_at, converted_at, won_at, lost_at, outcome_reason, sla_breaches, deal_amount, "
            + "previous_lead_id, account_match";
    static final String DAY = "cast(l.created_at as date)";
    private static final List<String> COUNT_VALUES = List.of("received", "disqualified", "routed", "accepted", "rejected", "recycled",
            "converted", "won", "lost", "breached", "breaches", "won_amount", "accepted_final", "later_cycles");

    static final Target CALIBRATION = new Target("report_calibration", List.of("on_day", "model_version", "band", "grade", "label", "converted"),
            List.of("n", "sum_p", "sum_p2"), "n", (table, filter) -> "select d, v, band, g, lab, conv, count(*), sum(p), sum(p * p) from ("
            + RollupRepository.calibrationRows(table, filter) + ") x where lab is not null group by d, v, band, g, lab, conv");
    static final Target PROBABILITY = new Target("report_calibration_p", List.of("on_day", "model_version", "p_bucket", "label"), List.of("n"), "n",
            (table, filter) -> "select d, v, pb, lab, count(*) from (select d, v, lab, least(greatest(floor(p * 100), 0), 100) as pb from ("
                    + RollupRepository.calibrationRows(table, filter) + ") x where lab is not null) y group by d, v, pb, lab");
    static final List<Target> ALL = targets();

    private RollupTargets() {
    }

    private static List<Target> targets() {
        List<Target> out = new ArrayList<>();
        for (Map.Entry<String, String> g : RollupRepository.GROUPS.entrySet()) {
            String dim = "'" + g.getKey() + "'";
            String grp = g.getValue();
            out.add(new Target("report_counts", List.of("on_day", "dim", "grp"), COUNT_VALUES, "received",
                    (table, filter) -> "select " + DAY + ", " + dim + ", " + grp + ", " + RollupRepository.COUNTS + " from " + table
                            + " l where " + filter + " group by " + DAY + ", " + grp));
            for (String metric : RollupRepository.METRICS_OF.get(g.getKey())) {
                List<String> span = RollupRepository.METRICS.get(metric);
                out.add(new Target("report_durations", List.of("on_day", "dim", "grp", "metric", "bucket"), List.of("n"), "n",
                        (table, filter) -> "select d, " + dim + ", grp, '" + metric + "', bk, count(*) from (select " + DAY + " as d, "
                                + grp + " as grp, " + DurationBuckets.sql(span.get(0), span.get(1)) + " as bk from " + table + " l where "
                                + filter + " and " + span.get(0) + " is not null and " + span.get(1) + " is not null) x group by d, grp, bk"));
            }
            out.add(new Target("report_reasons", List.of("on_day", "dim", "grp", "reason"), List.of("n"), "n",
                    (table, filter) -> "select " + DAY + ", " + dim + ", " + grp + ", l.outcome_reason, count(*) from " + table + " l where "
                            + filter + " and l.rejected_at is not null and l.outcome_reason is not null group by " + DAY + ", " + grp
                            + ", l.outcome_reason"));
        }
        out.add(CALIBRATION);
        out.add(PROBABILITY);
        return List.copyOf(out);
    }
}
