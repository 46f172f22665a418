package io.leadhandoff.lead;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadhandoff.common.Ids;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Entries written together by JDBC ({@link LeadHistory.Pending}) are stored exactly as entities written by Hibernate. */
@QuarkusTest
class LeadHistoryTest {

    @Inject
    LeadHistory history;
    @Inject
    EntityManager em;

    private static Lead lead(String queueId) {
        Lead lead = new Lead();
        LeadFields.set(lead, "id", Ids.next());
        LeadFields.set(lead, "queueId", queueId);
        return lead;
    }

    @Test
    void entriesWrittenTogetherReadBackAsRecordedAndInTheOrderRecorded() {
        Lead together = lead("q-history");
        Lead alone = lead(null);
        // a night on which Europe's clocks change, to the microsecond (datetime(6))
        Instant at = Instant.parse("2026-03-29T01:30:00.123456Z");
        QuarkusTransaction.requiringNew().run(() -> {
            LeadHistory.Pending pending = history.pending();
            pending.record(together, "lead.created", at, "web", Map.of("source", "web"));
            pending.record(together, "lead.scored", at.plusSeconds(1), "scoring", Map.of("total", 42));
            pending.record(together, "lead.routed", at.plusSeconds(2), "routing", Map.of());
            pending.write();
            pending.write(); // empty now: writes nothing twice
            history.record(alone, "lead.created", at, "web", Map.of("source", "web"));
        });
        QuarkusTransaction.requiringNew().run(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select id, type, queue_id, actor from lead_event where lead_id = :lead order by ord")
                    .setParameter("lead", together.id()).getResultList();
            assertThat(rows).extracting(r -> r[1]).containsExactly("lead.created", "lead.scored", "lead.routed");
            assertThat(rows.get(0)[2]).isEqualTo("q-history");
            assertThat(rows.get(0)[3]).isEqualTo("web");
            assertThat(em.find(LeadEvent.class, rows.get(1)[0]).detail).isEqualTo("{\"total\":42}");
            LeadEvent created = em.find(LeadEvent.class, rows.get(0)[0]);
            assertThat(created.leadId).isEqualTo(together.id());
            // the same instant, stored by Hibernate and by the batch, is the same stored value and reads back the same
            // (to the microsecond on H2; MySQL Connector/J sends MariaDB whole seconds, as it does for Hibernate)
            Object byBatch = em.createNativeQuery("select occurred_at from lead_event where id = :id")
                    .setParameter("id", created.id).getSingleResult();
            Object byHibernate = em.createNativeQuery("select occurred_at from lead_event where lead_id = :lead")
                    .setParameter("lead", alone.id()).getSingleResult();
            assertThat(byBatch).isEqualTo(byHibernate);
            Instant hibernateRead = em.createQuery("select e.occurredAt from LeadEvent e where e.leadId = :lead", Instant.class)
                    .setParameter("lead", alone.id()).getSingleResult();
            assertThat(created.occurredAt).isEqualTo(hibernateRead);
            assertThat(created.occurredAt.truncatedTo(ChronoUnit.SECONDS)).isEqualTo(at.truncatedTo(ChronoUnit.SECONDS));
        });
    }
}
