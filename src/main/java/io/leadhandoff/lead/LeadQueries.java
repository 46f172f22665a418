package io.leadhandoff.lead;

import io.leadhandoff.common.Cursor;
import io.leadhandoff.common.Page;
import io.leadhandoff.common.ProblemException;
import io.leadhandoff.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/** Reading leads: one lead, a filtered page of them, a lead's timeline. */
@ApplicationScoped
public class LeadQueries {

    private final LeadRepository leads;
    private final LeadEventRepository events;
    private final LeadViews views;
    private final LeadJson json;

    LeadQueries(LeadRepository leads, LeadEventRepository events, LeadViews views, LeadJson json) {
        this.leads = leads;
        this.events = events;
        this.views = views;
        this.json = json;
    }

    public LeadView get(String id, Caller caller) {
        Lead lead = find(id);
        caller.requireVisible(lead.queueId(), "Lead", id);
        return views.view(lead);
    }

    /** The views of those of these leads that exist and the caller may see, read in one query (work showing many at once). */
    public Map<String, LeadView> views(Collection<String> ids, Caller caller) {
        Map<String, LeadView> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        for (Lead lead : leads.list("id in ?1", List.copyOf(new HashSet<>(ids)))) {
            if (caller.canSee(lead.queueId())) {
                out.put(lead.id(), views.view(lead));
            }
        }
        return out;
    }

    public Page<LeadView> list(LeadRepository.LeadFilter filter, String cursor, int limit) {
        List<Lead> rows = leads.page(filter, Cursor.decode(cursor), limit);
        return Page.of(rows, limit, Lead::id, views::view);
    }

    /** A page of the filtered list in {@code sort} order, as the console's lead list shows it. */
    public Page<LeadView> list(LeadRepository.LeadFilter filter, LeadSort sort, String cursor, int limit) {
        List<Lead> rows = leads.page(filter, sort, Cursor.decode(cursor), limit);
        return Page.of(rows, limit, sort::position, views::view);
    }

    /** How many leads the filter finds: the total above a list, and what a report's count is checked against. */
    public long count(LeadRepository.LeadFilter filter) {
        return leads.count(filter);
    }

    public Page<HistoryEntry> history(String id, String cursor, int limit, Caller caller) {
        caller.requireVisible(find(id).queueId(), "Lead", id);
        List<LeadEvent> rows = events.history(id, Cursor.decode(cursor), limit);
        return Page.of(rows, limit, e -> e.id,
                e -> new HistoryEntry(e.id, e.type, e.occurredAt, e.actor, json.map(e.detail)));
    }

    private Lead find(String id) {
        Lead lead = id == null || id.length() > 26 ? null : leads.findById(id);
        if (lead == null) {
            throw ProblemException.notFound("Lead", id);
        }
        return lead;
    }
}
