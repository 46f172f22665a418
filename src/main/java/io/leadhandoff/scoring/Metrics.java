package io.leadhandoff.scoring;

import java.util.Comparator;
import java.util.List;

/** Evaluation measures of a probability against 0/1 labels. Pure. Each pair is {probability, label}. */
public final class Metrics {

    private Metrics() {
    }

    /** Mean squared error of the probabilities. */
    public static double brier(List<double[]> scored) {
        return round(scored.stream().mapToDouble(s -> (s[0] - s[1]) * (s[0] - s[1])).average().orElse(Double.NaN));
    }

    /** Mean negative log-likelihood, probabilities clipped to [1e-6, 1 − 1e-6]. */
    public static double logLoss(List<double[]> scored) {
        return round(scored.stream().mapToDouble(s -> {
            double p = Math.min(1 - 1e-6, Math.max(1e-6, s[0]));
            return s[1] == 1 ? -Math.log(p) : -Math.log(1 - p);
        }).average().orElse(Double.NaN));
    }

    /** Area under the ROC curve by the rank-sum (Mann–Whitney) formula, ties sharing their mean rank. */
    public static Double auc(List<double[]> scored) {
        List<double[]> sorted = scored.stream().sorted(Comparator.comparingDouble(s -> s[0])).toList();
        long positives = sorted.stream().filter(s -> s[1] == 1).count();
        long negatives = sorted.size() - positives;
        if (positives == 0 || negatives == 0) {
            return null;
        }
        double rankSum = 0;
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j + 1 < sorted.size() && sorted.get(j + 1)[0] == sorted.get(i)[0]) {
                j++;
            }
            double meanRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (sorted.get(k)[1] == 1) {
                    rankSum += meanRank;
                }
            }
            i = j + 1;
        }
        return round((rankSum - positives * (positives + 1) / 2.0) / (positives * (double) negatives));
    }

    public static double round(double value) {
        return Math.round(value * 10_000.0) / 10_000.0;
    }
}
