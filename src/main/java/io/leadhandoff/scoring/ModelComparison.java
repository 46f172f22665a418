package io.leadhandoff.scoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The champion and the challenger on the same labelled leads. */
@Schema(name = "ModelComparison")
public record ModelComparison(
        @Schema(description = "The active model (the one that acts)", examples = "3") int championVersion,
        @Schema(description = "The model scoring beside it; absent when there is none", examples = "4") Integer challengerVersion,
        Instant from, Instant to,
        @Schema(description = "Leads received in [from, to) scored by both (the champion being the active model)", examples = "1200") long scoredByBoth,
        @Schema(description = "Of those, leads with a verdict training counts (accepted, converted, won; rejected for a reason about the lead)",
                examples = "800") long labelled,
        @Schema(description = "Of the labelled, the accepted", examples = "330") long accepted,
        Measures champion,
        Measures challenger) {

    /** How one model ranks and predicts the same labelled leads. */
    @Schema(name = "ModelComparisonMeasures")
    public record Measures(
            @Schema(examples = "3") int version,
            @Schema(description = "learned, or total/100 for a rules-only model") String probabilitySource,
            @Schema(description = "Area under the ROC curve on the labelled leads; absent with only one label", examples = "0.74") Double auc,
            @Schema(description = "Mean squared error of the probability; absent without labelled leads", examples = "0.19") Double brier,
            @Schema(description = "Labelled leads in this model's top decile (the tenth it ranks highest, at least one)", examples = "80") long topDecileLabelled,
            @Schema(description = "Accepted among them", examples = "60") long topDecileAccepted,
            @Schema(description = "topDecileAccepted / topDecileLabelled", examples = "0.75") Double topDecileAcceptanceRate) {

        /** {probability, label} pairs of one model. */
        static Measures of(int version, String source, List<double[]> scored) {
            if (scored.isEmpty()) {
                return new Measures(version, source, null, null, 0, 0, null);
            }
            List<double[]> ranked = new ArrayList<>(scored);
            ranked.sort(Comparator.comparingDouble((double[] s) -> -s[0]));
            int top = Math.max(1, (int) Math.round(ranked.size() / 10.0));
            long accepted = ranked.subList(0, top).stream().filter(s -> s[1] == 1).count();
            return new Measures(version, source, Metrics.auc(scored), Metrics.brier(scored), top, accepted,
                    Metrics.round(accepted / (double) top));
        }
    }
}
