package io.leadhandoff.source;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** An event id a source already delivered, and what became of it. */
@Entity
@Table(name = "source_event")
public class SourceEvent {

    @Embeddable
    public record Key(@Column(name = "source_id", length = 64) String sourceId,
                      @Column(name = "event_id", length = 200) String eventId) implements Serializable {
    }

    @EmbeddedId
    public Key id;

    @Column(nullable = false, length = 20)
    public String outcome;

    @Column(name = "lead_id", length = 26)
    public String leadId;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;
}
