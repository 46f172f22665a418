package io.leadhandoff.routing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A company the sales team already owns a relationship with: its domains (in {@code account_domain}), name, owner rep
 * and queue, an optional parent account and free attributes. Leads that match it go to its owner first.
 */
@Entity
@Table(name = "account")
public class Account {

    @Id
    @Column(length = 64)
    String id;
    String name;
    @Column(name = "owner_rep_id", length = 128)
    String ownerRepId;
    @Column(name = "queue_id", length = 64)
    String queueId;
    @Column(name = "parent_account_id", length = 64)
    String parentAccountId;
    /** Free attributes (tier, region …) as a JSON object. */
    @Lob
    String attributes;
    @Column(name = "created_at", nullable = false)
    Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;
}
