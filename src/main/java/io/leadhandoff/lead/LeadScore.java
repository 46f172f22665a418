package io.leadhandoff.lead;

import io.leadhandoff.scoring.Score;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Lob;
import java.time.Instant;

/**
 * The lead's current score as stored: the numbers routing and reports read, and the whole {@link Score} with its
 * explanation as JSON. Immutable; a lead never scored has none.
 */
@Embeddable
public class LeadScore {

    @Column(name = "score_fit")
    private Integer fit;
    @Column(name = "score_engagement")
    private Integer engagement;
    @Column(name = "score_total")
    private Integer total;
    @Column(name = "score_grade", length = 1)
    private String grade;
    @Column(name = "score_model_version")
    private Integer modelVersion;
    @Column(name = "acceptance_probability")
    private Double acceptanceProbability;
    /** The whole {@code Score} with its explanation, as JSON. */
    @Lob
    @Column(name = "score_explanation")
    private String explanation;
    @Column(name = "scored_at")
    private Instant scoredAt;

    protected LeadScore() {
        // for JPA
    }

    LeadScore(Score score, String explanation, Instant scoredAt) {
        this.fit = score.fit();
        this.engagement = score.engagement();
        this.total = score.total();
        this.grade = score.grade();
        this.modelVersion = score.modelVersion();
        this.acceptanceProbability = score.acceptanceProbability();
        this.explanation = explanation;
        this.scoredAt = scoredAt;
    }

    /** Whether {@code score} differs from this one in a number the timeline reports. */
    boolean differsFrom(Score score) {
        return total == null || total != score.total() || fit != score.fit() || engagement != score.engagement()
                || modelVersion != score.modelVersion();
    }

    public Integer fit() {
        return fit;
    }

    public Integer engagement() {
        return engagement;
    }

    public Integer total() {
        return total;
    }

    public String grade() {
        return grade;
    }

    public Integer modelVersion() {
        return modelVersion;
    }

    public Double acceptanceProbability() {
        return acceptanceProbability;
    }

    public String explanation() {
        return explanation;
    }

    public Instant scoredAt() {
        return scoredAt;
    }
}
