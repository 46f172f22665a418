package io.leadhandoff.routing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;

/** A stored, immutable version of the routing rules. */
@Entity
@Table(name = "routing_ruleset")
public class RuleSetRow {

    @Id
    public int version;
    @Lob
    @Column(nullable = false)
    public String document;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
