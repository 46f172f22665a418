package io.leadhandoff.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a set of leads adds up to, per group: counts, duration histograms and rejection reasons. */
public final class ReportAggregates {

    private final Map<String, GroupCounts> counts = new TreeMap<>();
    private final Map<String, Map<String, TreeMap<Integer, Long>>> durations = new HashMap<>();
    private final Map<String, Map<String, Long>> reasons = new HashMap<>();

    void add(RollupRows.Counts row) {
        counts.merge(row.group(), row.counts(), GroupCounts::plus);
    }

    void add(RollupRows.Duration row) {
        durations.computeIfAbsent(row.metric(), m -> new HashMap<>()).computeIfAbsent(row.group(), g -> new TreeMap<>())
                .merge(row.bucket(), row.n(), Long::sum);
    }

    void add(RollupRows.Reason row) {
        reasons.computeIfAbsent(row.group(), g -> new HashMap<>()).merge(row.reason(), row.n(), Long::sum);
    }

    /** Counts per group, in group order. */
    Map<String, GroupCounts> counts() {
        return counts;
    }

    /** A group's counts; zero when it has no leads. */
    GroupCounts counts(String group) {
        return counts.getOrDefault(group, GroupCounts.ZERO);
    }

    /** Nearest-rank percentile of a duration in seconds; null without data. */
    Double percentile(String metric, String group, double p) {
        TreeMap<Integer, Long> histogram = durations.getOrDefault(metric, Map.of()).get(group);
        if (histogram == null) {
            return null;
        }
        long total = histogram.values().stream().mapToLong(Long::longValue).sum();
        long rank = (long) Math.ceil(p * total);
        long seen = 0;
        for (Map.Entry<Integer, Long> e : histogram.entrySet()) {
            seen += e.getValue();
            if (seen >= rank) {
                return (double) DurationBuckets.representative(e.getKey());
            }
        }
        return null;
    }

    /** Top three rejection reasons of a group, most frequent first. */
    List<ReportViews.ReasonCount> topReasons(String group) {
        Map<String, Long> of = reasons.get(group);
        if (of == null) {
            return List.of();
        }
        List<ReportViews.ReasonCount> all = new ArrayList<>();
        of.forEach((reason, count) -> all.add(new ReportViews.ReasonCount(reason, count)));
        all.sort(Comparator.comparingLong(ReportViews.ReasonCount::count).reversed().thenComparing(ReportViews.ReasonCount::reason));
        return all.subList(0, Math.min(3, all.size()));
    }
}
