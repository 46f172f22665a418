package io.leadhandoff.routing;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;

@Entity
@Table(name = "queue_member")
public class QueueMember {

    @EmbeddedId
    public Key id;
    @Column(nullable = false)
    public int weight;
    @Column(name = "max_open")
    public Integer maxOpen;
    @Column(name = "max_per_day")
    public Integer maxPerDay;
    @Column(nullable = false, length = 10)
    @Enumerated(EnumType.STRING)
    public MemberStatus status;
    @Column(name = "away_until")
    public Instant awayUntil;
    @Column(nullable = false)
    public double pointer;
    @Column(name = "assigned_day")
    public LocalDate assignedDay;
    @Column(name = "assigned_today", nullable = false)
    public int assignedToday;
    @Column(name = "last_assigned_at")
    public Instant lastAssignedAt;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Assignments today, counting from zero on a new UTC day. */
    public int assignedOn(LocalDate day) {
        return day.equals(assignedDay) ? assignedToday : 0;
    }

    @Embeddable
    public record Key(@Column(name = "queue_id", length = 64) String queueId,
                      @Column(name = "rep_id", length = 128) String repId) implements Serializable {
    }
}
