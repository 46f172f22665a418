package io.leadhandoff.report;

import io.leadhandoff.scoring.Metrics;
import java.util.Map;
import java.util.TreeMap;

/** Labelled leads of one model version: per band and grade, a probability histogram, and Brier sums. */
public final class CalibrationSums {

    /** Leads of a band or grade: how many, accepted, converted, and the sum of the probability given. */
    record Tally(long n, long accepted, long converted, double sumP) {

        Tally plus(Tally o) {
            return new Tally(n + o.n, accepted + o.accepted, converted + o.converted, sumP + o.sumP);
        }
    }

    private final Map<Integer, Tally> bands = new TreeMap<>();
    private final Map<String, Tally> grades = new TreeMap<>();
    private final TreeMap<Integer, long[]> probability = new TreeMap<>();
    private long n;
    private long positives;
    private double sumP2;
    private double sumPPositive;

    void add(RollupRows.Calibration row) {
        Tally tally = new Tally(row.n(), row.label() * row.n(), row.converted() * row.n(), row.sumP());
        bands.merge(row.band(), tally, Tally::plus);
        grades.merge(row.grade(), tally, Tally::plus);
        n += row.n();
        positives += row.label() * row.n();
        sumP2 += row.sumP2();
        sumPPositive += row.label() == 1 ? row.sumP() : 0;
    }

    void add(RollupRows.Probability row) {
        probability.computeIfAbsent(row.bucket(), b -> new long[2])[row.label()] += row.n();
    }

    /** Per score band (its lower bound), in band order. */
    Map<Integer, Tally> bands() {
        return bands;
    }

    /** Per grade, in grade order. */
    Map<String, Tally> grades() {
        return grades;
    }

    long labelled() {
        return n;
    }

    /** Mean of (p − y)²: Σp² − 2·Σp·y + Σy, exact. */
    Double brier() {
        return n == 0 ? null : Metrics.round((sumP2 - 2 * sumPPositive + positives) / n);
    }

    /** Rank-sum AUC over 1 % probability buckets, leads in one bucket counting as ties. */
    Double auc() {
        double pos = 0;
        double neg = 0;
        for (long[] c : probability.values()) {
            neg += c[0];
            pos += c[1];
        }
        if (pos == 0 || neg == 0) {
            return null;
        }
        double below = 0;
        double wins = 0;
        for (long[] c : probability.values()) {
            wins += c[1] * (below + c[0] / 2.0);
            below += c[0];
        }
        return Metrics.round(wins / (pos * neg));
    }
}
