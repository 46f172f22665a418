package io.leadhandoff.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhandoff.common.Cursor;
import io.leadhandoff.common.Ids;
import io.leadhandoff.common.Page;
import io.leadhandoff.security.ApiKeyChanged;
import io.leadhandoff.security.Callers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Records configuration changes in the caller's transaction, so the change and its record commit together. */
@ApplicationScoped
public class AuditService {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final EntityManager em;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Callers callers;

    public AuditService(EntityManager em, ObjectMapper mapper, Clock clock, Callers callers) {
        this.em = em;
        this.mapper = mapper;
        this.clock = clock;
        this.callers = callers;
    }

    /** Records {@code action} on {@code target}; {@code before} and {@code after} are views (never secrets), either may be null. */
    public void record(String action, String target, Object before, Object after) {
        AuditEntry entry = new AuditEntry();
        entry.id = Ids.next();
        entry.occurredAt = Instant.now(clock);
        entry.actor = callers.current().label();
        entry.action = action;
        entry.target = target.length() > 300 ? target.substring(0, 300) : target;
        Map<String, Object> detail = new LinkedHashMap<>();
        if (before != null) {
            detail.put("before", before);
        }
        if (after != null) {
            detail.put("after", after);
        }
        try {
            entry.detail = mapper.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise audit detail", e);
        }
        em.persist(entry);
    }

    /** Records a key's creation or revocation (the security package cannot call this service: it is used by it). */
    void onApiKeyChanged(@Observes ApiKeyChanged change) {
        record(change.action(), "api-key:" + change.keyId(), change.before(), change.after());
    }

    /** Newest first, optionally only one target (e.g. {@code queue:inbound}). */
    public Page<AuditView> list(String target, String cursor, int limit) {
        String after = Cursor.decode(cursor);
        StringBuilder jpql = new StringBuilder("from AuditEntry where 1 = 1");
        if (after != null) {
            jpql.append(" and id < :after");
        }
        if (target != null) {
            jpql.append(" and target = :target");
        }
        var query = em.createQuery(jpql.append(" order by id desc").toString(), AuditEntry.class).setMaxResults(limit + 1);
        if (after != null) {
            query.setParameter("after", after);
        }
        if (target != null) {
            query.setParameter("target", target);
        }
        List<AuditEntry> rows = query.getResultList();
        return Page.of(rows, limit, e -> e.id, this::view);
    }

    private AuditView view(AuditEntry e) {
        Map<String, Object> detail;
        try {
            detail = e.detail == null ? null : mapper.readValue(e.detail, MAP);
        } catch (JsonProcessingException ex) {
            detail = null;
        }
        return new AuditView(e.id, e.occurredAt, e.actor, e.action, e.target, detail);
    }
}
