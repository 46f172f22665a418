package io.leadhandoff.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhandoff.event.FeedEvent;
import io.leadhandoff.lead.LeadStatus;
import io.leadhandoff.lead.LeadView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a write-back tells the marketing tool about one event, tool-neutral: the person's id in the tool, the status
 * value and the mapped fields. Nothing for a lead whose identity did not come from the subscription's source (a
 * lead from another tool), and nothing for an erased lead: the tool's record is left as it was, and write-backs still
 * pending for the lead when it was erased are dropped when their turn comes.
 */
@ApplicationScoped
class WritebackChanges {

    /** The events a write-back sends. */
    static final List<String> EVENT_TYPES = List.of("lead.assigned", "lead.claimed", "lead.judged", "lead.recycled", "lead.new_cycle");

    /** One update of the tool's record of the person. */
    record Update(String externalId, String email, Map<String, Object> properties) {
    }

    private final TransactionLeadViews views;
    private final EntityManager em;
    private final ObjectMapper mapper;
    private final WebhookConfig config;

    WritebackChanges(TransactionLeadViews views, EntityManager em, ObjectMapper mapper, WebhookConfig config) {
        this.views = views;
        this.em = em;
        this.mapper = mapper;
        this.config = config;
    }

    /** The update for {@code event}, or null when nothing is to be written (not wanted, another tool's lead, erased). */
    Update of(WebhookSubscription s, FeedEvent event) {
        String type = EventTypes.of(event.type(), event.detail());
        if (event.leadId() == null || !s.eventTypeList().contains(type)) {
            return null;
        }
        LeadView lead = views.get(event.leadId());
        if (lead.status() == LeadStatus.ERASED || lead.erasedAt() != null) {
            return null;
        }
        String externalId = identity(s.sourceId, lead);
        if (externalId == null) {
            return null;
        }
        Map<String, Object> detail = event.detail() == null ? Map.of() : event.detail();
        String step = step(type, detail);
        if (step == null) {
            return null;
        }
        WritebackSettings settings = settings(s);
        Map<String, String> mapping = settings.mapping(s.format);
        Object reason = detail.get("reason");
        String status = reason != null && mapping.containsKey(step + ":" + reason) ? mapping.get(step + ":" + reason) : mapping.get(step);
        Map<String, Object> properties = new LinkedHashMap<>();
        if (status != null && !status.isEmpty()) {
            properties.put(settings.statusPropertyOr(s.format), status);
        }
        settings.fieldsOrEmpty().forEach((ours, theirs) -> {
            Object value = field(ours, lead, detail);
            if (value != null) {
                properties.put(theirs, value);
            }
        });
        return properties.isEmpty() ? null : new Update(externalId, lead.email(), properties);
    }

    /** The step the status mapping names, from the event type and its outcome. */
    static String step(String type, Map<String, Object> detail) {
        return switch (type) {
            case "lead.assigned" -> "ASSIGNED";
            case "lead.claimed" -> "CLAIMED";
            case "lead.recycled" -> "RECYCLED";
            case "lead.new_cycle" -> "NEW_CYCLE";
            case "lead.judged" -> detail.get("outcome") == null ? null : String.valueOf(detail.get("outcome"));
            default -> null;
        };
    }

    private Object field(String key, LeadView lead, Map<String, Object> detail) {
        return switch (key) {
            case "repId" -> lead.ownerRepId() != null ? lead.ownerRepId() : detail.get("repId");
            case "reason" -> detail.get("reason");
            case "score" -> lead.score() == null ? null : lead.score().total();
            case "grade" -> lead.score() == null ? null : lead.score().grade();
            case "leadId" -> lead.id();
            case "consoleUrl" -> config.publicBaseUrl().map(base -> base.replaceAll("/+$", "") + "/console/leads/" + lead.id()).orElse(null);
            default -> null;
        };
    }

    /**
     * The person's id in the source's tool: the lead's own (source, external id) when it came from there, else another
     * identity the tool gave it (a merge); null when none did.
     */
    private String identity(String sourceId, LeadView lead) {
        SourceRow source = SourceRow.find(em, mapper, sourceId);
        if (source == null) {
            return null;
        }
        String leadSource = source.leadSource();
        if (leadSource.equals(lead.source()) && lead.externalId() != null) {
            return lead.externalId();
        }
        @SuppressWarnings("unchecked")
        List<String> ids = em.createNativeQuery("select external_id from lead_identity where lead_id = :lead and source = :source "
                + "order by created_at").setParameter("lead", lead.id()).setParameter("source", leadSource).setMaxResults(1).getResultList();
        return ids.isEmpty() ? null : ids.get(0);
    }

    WritebackSettings settings(WebhookSubscription s) {
        return parse(mapper, s.settings);
    }

    static WritebackSettings parse(ObjectMapper mapper, String json) {
        try {
            return json == null ? new WritebackSettings(null, null, null, null, null, null, null, null, null)
                    : mapper.readValue(json, WritebackSettings.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored write-back's settings do not parse", e);
        }
    }
}
