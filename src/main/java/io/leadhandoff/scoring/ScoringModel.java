package io.leadhandoff.scoring;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;

/** A stored model version. The document never changes after insert. */
@Entity
@Table(name = "scoring_model")
public class ScoringModel {

    @Id
    public int version;

    @Column(nullable = false, length = 100)
    public String name;

    @Lob
    @Column(nullable = false)
    public String document;

    /** default, api or trained. */
    @Column(nullable = false, length = 20)
    public String origin;

    /** For trained models: the evaluation against the then-active model, as JSON. */
    @Lob
    public String evaluation;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "activated_at")
    public Instant activatedAt;
}
