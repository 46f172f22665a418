package io.leadhandoff.schedule;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;

/** Working hours in a time zone; the weekly intervals, holidays and extra periods are one JSON definition. */
@Entity
@Table(name = "schedule")
public class Schedule {

    @Id
    @Column(length = 64)
    String id;
    @Column(length = 100)
    String name;
    @Column(name = "time_zone", nullable = false, length = 64)
    String timeZone;
    /** {@link ScheduleViews.Definition} as JSON. */
    @Lob
    @Column(nullable = false)
    String definition;
    @Column(name = "created_at", nullable = false)
    Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;
}
