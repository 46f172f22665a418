package io.leadhandoff.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.util.List;

/**
 * A source as a write-back needs it: its kind and the {@code source} its leads record (its {@code leadSource}, by default
 * its id). Read from the table, not through the source package, which depends on the configuration tree that depends
 * on this package.
 */
record SourceRow(String id, String kind, String leadSource) {

    /** The source, or null when there is none. */
    static SourceRow find(EntityManager em, ObjectMapper mapper, String id) {
        if (id == null || id.length() > 64) {
            return null;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, kind, config from source where id = :id").setParameter("id", id).getResultList();
        return rows.stream().map(r -> new SourceRow((String) r[0], (String) r[1], leadSource(mapper, (String) r[0], text(r[2]))))
                .findFirst().orElse(null);
    }

    private static String leadSource(ObjectMapper mapper, String id, String config) {
        try {
            String stored = config == null ? null : mapper.readTree(config).path("leadSource").asText(null);
            return stored == null || stored.isEmpty() ? id : stored;
        } catch (IOException e) {
            return id;
        }
    }

    private static String text(Object value) {
        try {
            return value instanceof java.sql.Clob clob ? clob.getSubString(1, (int) clob.length()) : (String) value;
        } catch (java.sql.SQLException e) {
            return null;
        }
    }
}
