package io.leadhandoff.routing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A company domain and the rep who owns it: leads from that domain go to that rep first. */
@Entity
@Table(name = "account")
public class Account {

    @Id
    @Column(length = 253)
    public String domain;
    public String name;
    @Column(name = "owner_rep_id", nullable = false, length = 128)
    public String ownerRepId;
    @Column(name = "queue_id", length = 64)
    public String queueId;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
