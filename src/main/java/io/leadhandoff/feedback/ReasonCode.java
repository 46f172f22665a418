package io.leadhandoff.feedback;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "reason_code")
public class ReasonCode {

    public static final String NEGATIVE = "negative";
    public static final String EXCLUDED = "excluded";

    @Id
    @Column(length = 40)
    public String code;
    @Column(nullable = false, length = 100)
    public String label;
    /** negative: the reason is about the lead (trains as a bad lead); excluded: about timing or the rep. */
    @Column(nullable = false, length = 10)
    public String training;
    @Column(name = "built_in", nullable = false)
    public boolean builtIn;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
