package io.leadhandoff.lead;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class LeadEventRepository implements PanacheRepositoryBase<LeadEvent, String> {

    /** One keyset page of a lead's history, oldest first; fetches {@code limit + 1}. */
    public List<LeadEvent> history(String leadId, String after, int limit) {
        if (after == null) {
            return find("leadId = ?1 order by id", leadId).page(0, limit + 1).list();
        }
        return find("leadId = ?1 and id > ?2 order by id", leadId, after).page(0, limit + 1).list();
    }
}
