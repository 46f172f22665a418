package io.leadhandoff.lead;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhandoff.common.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;

/** Appends entries to a lead's timeline, in the caller's transaction. */
@ApplicationScoped
public class LeadHistory {

    private static final String INSERT = "insert into lead_event (id, lead_id, queue_id, type, occurred_at, actor, detail)"
            + " values (?, ?, ?, ?, ?, ?, ?)";

    private final EntityManager em;
    private final ObjectMapper mapper;

    public LeadHistory(EntityManager em, ObjectMapper mapper) {
        this.em = em;
        this.mapper = mapper;
    }

    /** Records what a transition of {@code lead} did, tagged with the queue the lead is in at that moment. */
    public void record(Lead lead, LeadChange change, Instant at) {
        record(lead, change.type(), at, change.actor(), change.detail());
    }

    /** Records an event of {@code lead}, tagged with the queue the lead is in at that moment. */
    public void record(Lead lead, String type, Instant at, String actor, Map<String, ?> detail) {
        em.persist(event(lead, type, at, actor, detail));
    }

    /**
     * A collector for a group of leads' entries: intake records three or more per new lead, and writing them as
     * entities costs Hibernate's unit of work per row (a third of intake's flush in a profile). {@link Pending#write}
     * inserts them with one JDBC batch — one multi-row insert on MySQL/MariaDB — in the order recorded.
     */
    public Pending pending() {
        return new Pending();
    }

    /** Entries recorded but not yet written; see {@link #pending()}. */
    public final class Pending {

        private final List<LeadEvent> events = new ArrayList<>();

        private Pending() {
        }

        public void record(Lead lead, LeadChange change, Instant at) {
            record(lead, change.type(), at, change.actor(), change.detail());
        }

        public void record(Lead lead, String type, Instant at, String actor, Map<String, ?> detail) {
            events.add(event(lead, type, at, actor, detail));
        }

        /** Inserts what was recorded, in order, in the current transaction; the collector is empty afterwards. */
        public void write() {
            if (events.isEmpty()) {
                return;
            }
            em.unwrap(Session.class).doWork(connection -> {
                try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                    for (LeadEvent e : events) {
                        insert.setString(1, e.id);
                        insert.setString(2, e.leadId);
                        insert.setString(3, e.queueId);
                        insert.setString(4, e.type);
                        // what Hibernate stores for an Instant (hibernate.jdbc.time_zone=UTC): the UTC wall-clock time, to
                        // the microsecond, in a datetime(6); a LocalDateTime is stored as it is by both drivers
                        insert.setObject(5, LocalDateTime.ofInstant(e.occurredAt, ZoneOffset.UTC));
                        insert.setString(6, e.actor);
                        insert.setString(7, e.detail);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            });
            events.clear();
        }
    }

    private LeadEvent event(Lead lead, String type, Instant at, String actor, Map<String, ?> detail) {
        LeadEvent event = new LeadEvent();
        event.id = Ids.next();
        event.leadId = lead.id();
        event.queueId = lead.queueId();
        event.type = type;
        event.occurredAt = at;
        event.actor = actor;
        try {
            event.detail = mapper.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise event detail", e);
        }
        return event;
    }
}
