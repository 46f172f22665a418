package io.leadhandoff.scoring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * L2-regularised logistic regression on binary features, fitted by full-batch gradient descent.
 * Small and exact enough for lead data (thousands of rows, hundreds of features); chosen over naive
 * Bayes because it stays calibrated when features are correlated (fit band and seniority are).
 */
public final class LogisticRegression {

    static final int MIN_FEATURE_SUPPORT = 5;

    private LogisticRegression() {
    }

    /** One training example: its active features and its 0/1 label. */
    public record Example(Set<String> features, int label) {
    }

    public static LearnedModel fit(List<Example> examples, double l2, int iterations, double learningRate) {
        Map<String, Integer> support = new HashMap<>();
        examples.forEach(e -> e.features().forEach(f -> support.merge(f, 1, Integer::sum)));
        // a feature every example has is the intercept again: it tells nothing, and each such copy
        // multiplies the step gradient descent takes along the intercept until it overshoots
        List<String> vocabulary = support.entrySet().stream()
                .filter(e -> e.getValue() >= MIN_FEATURE_SUPPORT && e.getValue() < examples.size())
                .map(Map.Entry::getKey).sorted().toList();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < vocabulary.size(); i++) {
            index.put(vocabulary.get(i), i);
        }
        List<int[]> rows = new ArrayList<>();
        for (Example e : examples) {
            rows.add(e.features().stream().filter(index::containsKey).mapToInt(index::get).toArray());
        }
        double positives = examples.stream().filter(e -> e.label() == 1).count();
        double intercept = Math.log((positives + 1) / (examples.size() - positives + 1));
        double[] w = new double[vocabulary.size()];
        int n = examples.size();
        for (int it = 0; it < iterations; it++) {
            double[] grad = new double[w.length];
            double gradIntercept = 0;
            for (int r = 0; r < n; r++) {
                double z = intercept;
                for (int j : rows.get(r)) {
                    z += w[j];
                }
                double error = sigmoid(z) - examples.get(r).label();
                gradIntercept += error;
                for (int j : rows.get(r)) {
                    grad[j] += error;
                }
            }
            intercept -= learningRate * gradIntercept / n;
            for (int j = 0; j < w.length; j++) {
                w[j] -= learningRate * (grad[j] / n + l2 * w[j]);
            }
        }
        Map<String, Double> weights = new java.util.TreeMap<>();
        for (int j = 0; j < w.length; j++) {
            if (Math.abs(w[j]) >= 1e-4) {
                weights.put(vocabulary.get(j), Math.round(w[j] * 10_000.0) / 10_000.0);
            }
        }
        return new LearnedModel("logistic-regression-l2", Math.round(intercept * 10_000.0) / 10_000.0, weights);
    }

    public static double probability(LearnedModel model, Set<String> features) {
        double z = model.intercept();
        for (String f : features) {
            z += model.weights().getOrDefault(f, 0.0);
        }
        return sigmoid(z);
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
