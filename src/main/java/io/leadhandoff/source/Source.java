package io.leadhandoff.source;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;

/** A configured inbound integration. */
@Entity
@Table(name = "source")
public class Source {

    @Id
    @Column(length = 64)
    public String id;

    @Column(nullable = false, length = 32)
    public String kind;

    @Column(nullable = false, length = 200)
    public String name;

    /** {@link SourceSettings} as JSON, secrets included: never returned by the API nor logged. */
    @Lob
    @Column(nullable = false)
    public String config;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
