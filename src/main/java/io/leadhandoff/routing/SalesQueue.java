package io.leadhandoff.routing;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "sales_queue")
public class SalesQueue {

    @Id
    @Column(length = 64)
    public String id;
    @Column(nullable = false, length = 100)
    public String name;
    public String description;
    @Column(nullable = false)
    public boolean active;
    @Column(name = "assignment_mode", nullable = false, length = 20)
    @Convert(converter = ModeConverter.class)
    public AssignmentMode assignmentMode;
    @Column(name = "lease_seconds", nullable = false)
    public int leaseSeconds;
    @Column(name = "sla_minutes")
    public Integer slaMinutes;
    @Column(name = "overflow_queue_id", length = 64)
    public String overflowQueueId;
    /** The SLA clock; null: around the clock. */
    @Column(name = "schedule_id", length = 64)
    public String scheduleId;
    @Column(name = "min_score")
    public Integer minScore;
    @Column(name = "virtual_time", nullable = false)
    public double virtualTime;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Stores the mode by its wire name. */
    @jakarta.persistence.Converter
    public static class ModeConverter implements jakarta.persistence.AttributeConverter<AssignmentMode, String> {
        @Override
        public String convertToDatabaseColumn(AssignmentMode mode) {
            return mode == null ? null : mode.wire();
        }

        @Override
        public AssignmentMode convertToEntityAttribute(String value) {
            return value == null ? null : AssignmentMode.fromWire(value);
        }
    }
}
