package io.leadhandoff.lead;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.Query;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class LeadRepository implements PanacheRepositoryBase<Lead, String> {

    /** Open leads holding any of these emails, locked: concurrent touches on one lead queue up. */
    public List<Lead> findOpenByEmails(Collection<String> emails) {
        return emails.isEmpty() ? List.of()
                : lock("select id from lead where open_email in (:emails) for update", Map.of("emails", emails));
    }

    /**
     * Leads known by any of these tool identities, locked, keyed by {@link #identityKey}: a lead is found by every
     * (source, external id) that ever touched it, not only the one it was created with.
     */
    public Map<String, Lead> findByIdentities(Collection<String> sources, Collection<String> externalIds) {
        if (sources.isEmpty() || externalIds.isEmpty()) {
            return Map.of();
        }
        List<LeadIdentity> identities = getEntityManager()
                .createQuery("from LeadIdentity i where i.id.source in (:sources) and i.id.externalId in (:ids)", LeadIdentity.class)
                .setParameter("sources", sources).setParameter("ids", externalIds)
                .setFlushMode(FlushModeType.COMMIT)
                .getResultList();
        if (identities.isEmpty()) {
            return Map.of();
        }
        Map<String, Lead> byId = new HashMap<>();
        lock("select id from lead where id in (:ids) order by id for update",
                Map.of("ids", identities.stream().map(i -> i.leadId).distinct().toList())).forEach(l -> byId.put(l.id(), l));
        Map<String, Lead> found = new HashMap<>();
        identities.forEach(i -> found.put(identityKey(i.id.source(), i.id.externalId()), byId.get(i.leadId)));
        return found;
    }

    /** The leads a source knows by this external id (one, or none), locked. */
    public List<Lead> findByIdentity(String source, String externalId) {
        return lock("select l.id from lead l join lead_identity i on i.lead_id = l.id"
                + " where i.source = :source and i.external_id = :external for update", Map.of("source", source, "external", externalId));
    }

    /** Records that this tool identity, which {@link #findByIdentities} did not find, touched the lead. */
    public void addIdentity(Lead lead, String source, String externalId, Instant now) {
        getEntityManager().persist(LeadIdentity.of(source, externalId, lead.id(), now));
    }

    public static String identityKey(String source, String externalId) {
        return source + '\u0000' + externalId;
    }

    /** The lead, its row locked for this transaction; null when there is none. */
    public Lead lockById(String id) {
        if (id == null || id.length() > 26) {
            return null;
        }
        List<Lead> rows = lock("select id from lead where id = :id for update", Map.of("id", id));
        return rows.isEmpty() ? null : rows.get(0);
    }

    /**
     * Locks leads with {@code idQuery} — plain SQL selecting {@code id} with {@code FOR UPDATE [SKIP
     * LOCKED]} — and loads them, in the query's order.
     * <p>
     * Plain SQL because Hibernate's MySQL 8 dialect would write {@code FOR UPDATE OF alias}, which
     * MariaDB does not accept, and the jar must run on both. Only the ids, because mapping a native
     * {@code select *} onto the entity re-resolves the 60-column mapping on every execution (three
     * times the cost of the query itself in a profile of intake); the rows are then loaded with
     * Hibernate's prepared loaders, after the lock, so they are read as committed by whoever held
     * them before. No flush first: a native query would otherwise write every pending change.
     */
    @SuppressWarnings("unchecked")
    public List<Lead> lock(String idQuery, Map<String, Object> parameters) {
        Query query = getEntityManager().createNativeQuery(idQuery);
        query.setFlushMode(FlushModeType.COMMIT);
        parameters.forEach(query::setParameter);
        List<String> ids = query.getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        if (ids.size() == 1) {
            Lead lead = getEntityManager().find(Lead.class, ids.get(0));
            return lead == null ? List.of() : List.of(lead);
        }
        Map<String, Lead> byId = new java.util.HashMap<>();
        getEntityManager().createQuery("from Lead where id in :ids", Lead.class).setFlushMode(FlushModeType.COMMIT)
                .setParameter("ids", ids).getResultList().forEach(l -> byId.put(l.id(), l));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    /** One keyset page of leads in id order, filtered; fetches {@code limit + 1} to detect a next page. */
    public List<Lead> page(LeadFilter filter, String after, int limit) {
        return page(filter, LeadSort.RECEIVED, after, limit);
    }

    /** One keyset page of leads in {@code sort} order, filtered; fetches {@code limit + 1} to detect a next page. */
    public List<Lead> page(LeadFilter filter, LeadSort sort, String after, int limit) {
        StringBuilder query = new StringBuilder("from Lead l where 1 = 1");
        Parameters params = new Parameters();
        where(filter, query, params);
        String direction = sort.descending() ? " desc" : "";
        String beyond = sort.descending() ? " < " : " > ";
        if (after != null && sort.key() == null) {
            query.append(" and l.id").append(beyond).append(":after");
            params.and("after", after);
        } else if (after != null) {
            int bar = after.lastIndexOf('|');
            if (bar < 0) {
                throw io.leadhandoff.common.ProblemException.invalidParameter("cursor", "is not a cursor of this order");
            }
            Object value = after.substring(0, bar);
            if (sort.numeric()) {
                try {
                    value = Integer.valueOf((String) value);
                } catch (NumberFormatException e) {
                    throw io.leadhandoff.common.ProblemException.invalidParameter("cursor", "is not a cursor of this order");
                }
            }
            query.append(" and (").append(sort.key()).append(beyond).append(":afterValue or (").append(sort.key())
                    .append(" = :afterValue and l.id").append(beyond).append(":after))");
            params.and("afterValue", value).and("after", after.substring(bar + 1));
        }
        query.append(" order by ");
        if (sort.key() != null) {
            query.append(sort.key()).append(direction).append(", ");
        }
        query.append("l.id").append(direction);
        return find(query.toString(), params).page(0, limit + 1).list();
    }

    /** How many leads pass {@code filter}: the total a list shows above its pages. */
    public long count(LeadFilter filter) {
        StringBuilder query = new StringBuilder("select count(l) from Lead l where 1 = 1");
        Parameters params = new Parameters();
        where(filter, query, params);
        var select = getEntityManager().createQuery(query.toString(), Long.class).setFlushMode(FlushModeType.COMMIT);
        params.map().forEach(select::setParameter);
        return select.getSingleResult();
    }

    private static void where(LeadFilter filter, StringBuilder query, Parameters params) {
        if (filter.status() != null) {
            query.append(" and l.status = :status");
            params.and("status", filter.status());
        }
        if (filter.source() != null && filter.externalId() == null) {
            equalOrNone(query, params, "l.source", "source", filter.source());
        }
        if (filter.externalId() != null) {
            query.append(" and l.id in (select i.leadId from LeadIdentity i where i.id.source = :identitySource"
                    + " and i.id.externalId = :externalId)");
            params.and("identitySource", filter.source()).and("externalId", filter.externalId());
        }
        if (filter.email() != null) {
            query.append(" and l.email = :email");
            params.and("email", filter.email());
        }
        if (filter.domain() != null) {
            query.append(" and l.domain = :domain");
            params.and("domain", filter.domain());
        }
        if (filter.ownerRepId() != null) {
            query.append(" and l.ownerRepId = :owner");
            params.and("owner", filter.ownerRepId());
        }
        if (filter.createdFrom() != null) {
            query.append(" and l.createdAt >= :createdFrom");
            params.and("createdFrom", filter.createdFrom());
        }
        if (filter.createdTo() != null) {
            query.append(" and l.createdAt < :createdTo");
            params.and("createdTo", filter.createdTo());
        }
        if (filter.campaign() != null) {
            equalOrNone(query, params, "l.campaign", "campaign", filter.campaign());
        }
        if (filter.queue() != null) {
            equalOrNone(query, params, "l.queueId", "queue", filter.queue());
        }
        if (filter.visibleQueues() != null) {
            query.append(" and l.queueId in :visible");
            params.and("visible", filter.visibleQueues());
        }
        if (filter.updatedSince() != null) {
            query.append(" and l.updatedAt >= :since");
            params.and("since", filter.updatedSince());
        }
        LeadFilter.Report report = filter.report();
        if (report == null) {
            return;
        }
        if (report.rep() != null) {
            // as the reports group by rep: the rep who gave the verdict, else the rep the lead is with
            equalOrNone(query, params, "coalesce(l.feedbackRepId, l.ownerRepId)", "rep", report.rep());
        }
        if (report.outcome() != null) {
            query.append(" and ").append(report.outcome().condition());
        }
        if (report.scoreBand() != null && report.scoreBand() < 0) {
            query.append(" and l.scoring.total is null");
        } else if (report.scoreBand() != null) {
            // bands of ten points as the reports draw them; the top band holds 90 to 100
            query.append(" and l.scoring.total >= :bandLow");
            params.and("bandLow", report.scoreBand());
            if (report.scoreBand() < 90) {
                query.append(" and l.scoring.total < :bandHigh");
                params.and("bandHigh", report.scoreBand() + 10);
            }
        }
        if (report.grade() != null) {
            query.append(" and l.scoring.grade = :grade");
            params.and("grade", report.grade());
        }
        if (report.reason() != null) {
            query.append(" and l.rejectedAt is not null and l.outcomeReason = :reason");
            params.and("reason", report.reason());
        }
        if (report.search() != null) {
            String like = "%" + report.search().toLowerCase(java.util.Locale.ROOT).replace("!", "!!").replace("%", "!%")
                    .replace("_", "!_") + "%";
            query.append(" and (l.id = :searchId or l.email like :search escape '!' or lower(l.company) like :search escape '!'"
                    + " or lower(l.firstName) like :search escape '!' or lower(l.lastName) like :search escape '!'"
                    + " or lower(concat(coalesce(l.firstName, ''), ' ', coalesce(l.lastName, ''))) like :search escape '!')");
            params.and("searchId", report.search().toUpperCase(java.util.Locale.ROOT)).and("search", like);
        }
    }

    /** {@code column = value}, or {@code column is null} for {@link LeadFilter#NONE}, the reports' group of leads without one. */
    private static void equalOrNone(StringBuilder query, Parameters params, String column, String name, String value) {
        if (LeadFilter.NONE.equals(value)) {
            query.append(" and ").append(column).append(" is null");
        } else {
            query.append(" and ").append(column).append(" = :").append(name);
            params.and(name, value);
        }
    }

    /** Filters of the lead list; null means "any". {@code visibleQueues}: the caller's queue limit. */
    public record LeadFilter(LeadStatus status, String source, String externalId, String email, String domain, String campaign,
                             String queue, String ownerRepId, Instant createdFrom, Instant createdTo, Instant updatedSince,
                             java.util.Set<String> visibleQueues, Report report) {

        /** The value the reports group leads without a source, campaign, queue or rep under. */
        public static final String NONE = "(none)";

        public LeadFilter(LeadStatus status, String source, String externalId, String email, String domain, String campaign,
                          String queue, String ownerRepId, Instant createdFrom, Instant createdTo, Instant updatedSince,
                          java.util.Set<String> visibleQueues) {
            this(status, source, externalId, email, domain, campaign, queue, ownerRepId, createdFrom, createdTo, updatedSince,
                    visibleQueues, null);
        }

        /**
         * The filters that reproduce a report's count: the rep as reports group by it, the step reached, the score band
         * (its lower bound; -1 for unscored), grade, rejection reason, and a search of id, email, name and company.
         */
        public record Report(String rep, LeadOutcome outcome, Integer scoreBand, String grade, String reason, String search) {
        }
    }
}
