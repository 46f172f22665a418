package io.leadhandoff.scoring;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The challenger model's score of one lead, kept beside the champion's score on the lead. */
@Entity
@Table(name = "challenger_score")
public class ChallengerScore {

    @Id
    @Column(name = "lead_id", length = 26)
    public String leadId;

    @Column(name = "model_version", nullable = false)
    public int modelVersion;

    @Column(name = "score_total", nullable = false)
    public int total;

    @Column(name = "acceptance_probability")
    public Double acceptanceProbability;

    @Column(name = "scored_at", nullable = false)
    public Instant scoredAt;
}
