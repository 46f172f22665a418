package io.leadhandoff.webhook;

import io.leadhandoff.lead.LeadQueries;
import io.leadhandoff.lead.LeadView;
import io.leadhandoff.security.Caller;
import jakarta.transaction.TransactionScoped;
import java.io.Serializable;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lead views read once per transaction: a batch of deliveries holds several events of one lead (its creation and its
 * routing, most often), each message built from the lead as it is now. Nothing is kept past the transaction, so a
 * change or an erasure committed before the next batch is always seen.
 */
@TransactionScoped
class TransactionLeadViews implements Serializable {

    private final transient Map<String, LeadView> views = new HashMap<>();
    private final transient LeadQueries leads;

    TransactionLeadViews(LeadQueries leads) {
        this.leads = leads;
    }

    /** Reads the views of these leads in one query, ahead of building their messages one by one. */
    void prefetch(Collection<String> ids) {
        List<String> missing = ids.stream().filter(id -> id != null && !views.containsKey(id)).distinct().toList();
        if (!missing.isEmpty()) {
            views.putAll(leads.views(missing, Caller.SYSTEM));
        }
    }

    /** The lead as the API shows it to the service itself. */
    LeadView get(String id) {
        return views.computeIfAbsent(id, k -> leads.get(k, Caller.SYSTEM));
    }
}
