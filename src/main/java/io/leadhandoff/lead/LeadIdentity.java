package io.leadhandoff.lead;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** A tool's identity for a lead: the lead keeps every (source, external id) that touched it. */
@Entity
@Table(name = "lead_identity")
public class LeadIdentity {

    @Embeddable
    public record Key(@Column(length = 64) String source,
                      @Column(name = "external_id", length = 128) String externalId) implements Serializable {
    }

    @EmbeddedId
    public Key id;

    @Column(name = "lead_id", nullable = false, length = 26)
    public String leadId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    static LeadIdentity of(String source, String externalId, String leadId, Instant now) {
        LeadIdentity identity = new LeadIdentity();
        identity.id = new Key(source, externalId);
        identity.leadId = leadId;
        identity.createdAt = now;
        return identity;
    }
}
