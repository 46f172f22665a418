package io.leadhandoff.routing;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.BatchSize;

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
    /** The rep's shift; null: any time. */
    @Column(name = "schedule_id", length = 64)
    public String scheduleId;
    /** Out-of-office periods (the API's "away until" is one of them). */
    @ElementCollection
    @CollectionTable(name = "member_time_off", joinColumns = {
            @JoinColumn(name = "queue_id", referencedColumnName = "queue_id"),
            @JoinColumn(name = "rep_id", referencedColumnName = "rep_id")})
    @OrderColumn(name = "seq")
    @BatchSize(size = 100)
    public List<TimeOff> timeOff = new ArrayList<>();
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

    /** The out-of-office period covering {@code at}, if any. */
    public TimeOff awayAt(Instant at) {
        return timeOff.stream().filter(t -> t.covers(at)).findFirst().orElse(null);
    }

    /** Assignments today, counting from zero on a new UTC day. */
    public int assignedOn(LocalDate day) {
        return day.equals(assignedDay) ? assignedToday : 0;
    }

    @Embeddable
    public record Key(@Column(name = "queue_id", length = 64) String queueId,
                      @Column(name = "rep_id", length = 128) String repId) implements Serializable {
    }
}
