package io.leadhandoff.security;

import io.leadhandoff.common.Identifiers;
import io.leadhandoff.common.Problem.FieldError;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The queues a key is limited to must be ids of existing queues, written exactly as the queues are (lower-case slugs):
 * a list such as {@code "qa,qb"}, a wildcard, a path or another spelling of an id would otherwise be stored as given
 * and compared by the database's case-insensitive collation, granting what the key's view does not show.
 */
final class QueueIds {

    private static final Pattern SLUG = Pattern.compile(Identifiers.SLUG);

    private QueueIds() {
    }

    /** One error per item that is not the id of an existing queue, pointing at it ({@code /queues/0}). */
    static List<FieldError> problems(List<String> queues, EntityManager em) {
        List<FieldError> errors = new ArrayList<>();
        if (queues == null) {
            return errors;
        }
        List<String> slugs = new ArrayList<>();
        for (int i = 0; i < queues.size(); i++) {
            String id = queues.get(i);
            if (id == null || SLUG.matcher(id).matches()) {
                slugs.add(id);
                continue;
            }
            String lower = id.toLowerCase(Locale.ROOT);
            errors.add(FieldError.atPointer("/queues/" + i, SLUG.matcher(lower).matches()
                    ? "queue ids are lower-case: write \"" + lower + "\""
                    : "is not a queue id: one id per item, " + Identifiers.SLUG_MESSAGE + " (no lists, wildcards or paths)"));
        }
        Set<String> existing = existing(slugs, em);
        for (int i = 0; i < queues.size(); i++) {
            String id = queues.get(i);
            if (id != null && SLUG.matcher(id).matches() && !existing.contains(id)) {
                errors.add(FieldError.atPointer("/queues/" + i, "is not an existing queue"));
            }
        }
        return errors;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> existing(List<String> ids, EntityManager em) {
        List<String> asked = ids.stream().filter(id -> id != null).distinct().toList();
        if (asked.isEmpty()) {
            return Set.of();
        }
        // compared again here: the database's collation may match ids case-insensitively
        return new HashSet<>((List<String>) em.createNativeQuery("select id from sales_queue where id in (:ids)")
                .setParameter("ids", asked).getResultList());
    }
}
