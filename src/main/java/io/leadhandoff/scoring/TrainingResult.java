package io.leadhandoff.scoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A trained candidate model version and how it compares with the active one on the holdout. */
@Schema(name = "TrainingResult")
public record TrainingResult(
        @Schema(description = "The candidate: a new, inactive version; activate it to use it") ModelView candidate,
        Evaluation evaluation) {

    @Schema(name = "TrainingEvaluation")
    public record Evaluation(Instant from, Instant to,
                             @Schema(description = "Labelled leads trained on (the older 80 %)") int trainedOn,
                             @Schema(description = "Labelled leads tested on (the newest 20 %)") int testedOn,
                             long positives, long negatives,
                             Measures candidate,
                             @Schema(description = "The active model on the same holdout") Measures active,
                             @Schema(description = "learned, or total/100 for a rules-only active model") String activeProbabilitySource,
                             int activeVersion,
                             String labelPolicy) {
    }

    @Schema(name = "TrainingMeasures")
    public record Measures(@Schema(description = "Area under the ROC curve (0.5 chance, 1 perfect)") Double auc,
                           @Schema(description = "Mean negative log-likelihood (lower is better)") double logLoss,
                           @Schema(description = "Mean squared error (lower is better)") double brier,
                           @Schema(description = "Predicted vs observed acceptance by decile of predicted probability") List<CalibrationBin> calibration) {

        static Measures of(List<double[]> scored) {
            List<double[]> sorted = new ArrayList<>(scored);
            sorted.sort(Comparator.comparingDouble(s -> s[0]));
            List<CalibrationBin> bins = new ArrayList<>();
            int bins10 = Math.min(10, sorted.size());
            for (int b = 0; b < bins10; b++) {
                List<double[]> bin = sorted.subList(b * sorted.size() / bins10, (b + 1) * sorted.size() / bins10);
                if (!bin.isEmpty()) {
                    bins.add(new CalibrationBin(b + 1, bin.size(),
                            Metrics.round(bin.stream().mapToDouble(s -> s[0]).average().orElse(0)),
                            Metrics.round(bin.stream().mapToDouble(s -> s[1]).average().orElse(0))));
                }
            }
            return new Measures(Metrics.auc(scored), Metrics.logLoss(scored), Metrics.brier(scored), bins);
        }
    }

    @Schema(name = "CalibrationBin")
    public record CalibrationBin(@Schema(examples = "3") int decile, int leads, double meanPredicted, double observedRate) {
    }
}
