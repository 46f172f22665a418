package io.leadhandoff.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhandoff.audit.AuditService;
import io.leadhandoff.common.Cursor;
import io.leadhandoff.common.Ids;
import io.leadhandoff.common.Page;
import io.leadhandoff.common.Problem.FieldError;
import io.leadhandoff.common.ProblemException;
import io.leadhandoff.common.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Accounts: created, replaced, read and removed by id, or by one of their domains through the one-domain shortcut. Every
 * change bumps the accounts' version in its transaction, which is how every replica's matching index learns of it.
 */
@ApplicationScoped
public class AccountService {

    private static final Pattern ID = Pattern.compile(AccountViews.ID);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final EntityManager em;
    private final Clock clock;
    private final AuditService audit;
    private final QueueService queues;
    private final AccountIndexHolder index;
    private final ObjectMapper mapper;

    public AccountService(EntityManager em, Clock clock, AuditService audit, QueueService queues, AccountIndexHolder index,
                          ObjectMapper mapper) {
        this.em = em;
        this.clock = clock;
        this.audit = audit;
        this.queues = queues;
        this.index = index;
        this.mapper = mapper;
    }

    /** An account written, and whether it was new. */
    public record Written(AccountViews.AccountView account, boolean created) {
    }

    /** Whether a path segment names an account by id (letters, digits, _ and -) rather than by one of its domains. */
    public static boolean isId(String key) {
        return key != null && ID.matcher(key).matches();
    }

    /** {@code POST /accounts}: a new account, under the request's id or a new one. */
    @Transactional(TxType.MANDATORY)
    public AccountViews.AccountView create(AccountViews.AccountRequest r) {
        if (r.id() != null && em.find(Account.class, r.id()) != null) {
            throw new ProblemException(ProblemType.CONFLICT, "Account " + r.id() + " exists; PUT /api/v1/accounts/" + r.id() + " replaces it");
        }
        return write(r.id() != null ? r.id() : Ids.next(), r, "").account();
    }

    /** {@code PUT /accounts/{id}} and a batch item with an id: the account under {@code id}, created or replaced. */
    @Transactional(TxType.MANDATORY)
    public Written put(String id, AccountViews.AccountRequest r, String pointer) {
        if (r.id() != null && !r.id().equals(id)) {
            throw ProblemException.validation(List.of(FieldError.atPointer(pointer + "/id", "must be the id in the path, or absent")));
        }
        return write(id, r, pointer);
    }

    /**
     * A batch item: created under its id (or a new one), or replacing the account of that id. A refused item wrote
     * nothing (every check comes first), so its problem leaves the chunk's transaction to the other items.
     */
    @Transactional(value = TxType.MANDATORY, dontRollbackOn = ProblemException.class)
    public Written importOne(AccountViews.AccountRequest r, String pointer) {
        return write(r.id() != null ? r.id() : Ids.next(), r, pointer);
    }

    /**
     * {@code PUT /accounts/{domain}}: the one-domain account of this domain, created or replaced whole from an
     * {@link AccountViews.AccountRequest} whose {@code domains} are absent, empty or just this domain, and whose {@code id}
     * is absent or the id of the account (a new one's, when none holds the domain).
     */
    @Transactional(TxType.MANDATORY)
    public AccountViews.AccountView putDomain(String key, AccountViews.AccountRequest r) {
        String domain = domain(key);
        List<String> given = r.domains() == null ? List.of() : r.domains();
        if (given.size() > 1 || (given.size() == 1 && !domain.equals(AccountDomains.canonical(given.get(0))))) {
            throw ProblemException.validation(List.of(FieldError.atPointer("/domains", "must be absent, empty or [\"" + domain
                    + "\"]: the path names the account's one domain; give an account several domains with PUT /api/v1/accounts/{id}")));
        }
        AccountDomain held = em.find(AccountDomain.class, domain);
        if (held == null) {
            return create(withDomains(r, List.of(domain)));
        }
        Account a = em.find(Account.class, held.accountId);
        if (r.id() != null && !r.id().equals(a.id)) {
            throw ProblemException.validation(List.of(FieldError.atPointer("/id", "must be absent or " + a.id + ", the id of the account "
                    + "holding " + domain)));
        }
        List<String> domains = domains(a.id);
        if (domains.size() > 1) {
            throw new ProblemException(ProblemType.CONFLICT, domain + " is one of " + domains.size() + " domains of account " + a.id
                    + "; change it with PUT /api/v1/accounts/" + a.id);
        }
        return write(a.id, withDomains(r, domains), "").account();
    }

    private static AccountViews.AccountRequest withDomains(AccountViews.AccountRequest r, List<String> domains) {
        return new AccountViews.AccountRequest(r.id(), r.name(), domains, r.ownerRepId(), r.queueId(), r.parentAccountId(), r.attributes());
    }

    @Transactional(TxType.MANDATORY)
    public AccountViews.AccountView get(String key) {
        return view(find(key));
    }

    /** Removes the account named by id, or by its one domain; an account with child accounts stays (409). */
    @Transactional(TxType.MANDATORY)
    public void delete(String key) {
        Account a = find(key);
        if (!isId(key) && domains(a.id).size() > 1) {
            throw new ProblemException(ProblemType.CONFLICT, "Account " + a.id + " has several domains; remove it with DELETE /api/v1/accounts/" + a.id);
        }
        Long children = em.createQuery("select count(a) from Account a where a.parentAccountId = :id", Long.class)
                .setParameter("id", a.id).getSingleResult();
        if (children > 0) {
            throw new ProblemException(ProblemType.CONFLICT, "Account " + a.id + " is the parent of " + children
                    + " account(s); remove or re-parent them first");
        }
        AccountViews.AccountView before = view(a);
        em.createQuery("delete from AccountDomain d where d.accountId = :id").setParameter("id", a.id).executeUpdate();
        em.remove(a);
        changed("account.deleted", a.id, before, null);
    }

    /** Accounts in id order, a page at a time. */
    @Transactional(TxType.MANDATORY)
    public AccountViews.AccountPage list(String cursor, int limit) {
        String after = Cursor.decode(cursor);
        List<Account> rows = em.createQuery("from Account a where (:after is null or a.id > :after) order by a.id", Account.class)
                .setParameter("after", after).setMaxResults(limit + 1).getResultList();
        Page<AccountViews.AccountView> page = Page.of(rows, limit, a -> a.id, this::view);
        return new AccountViews.AccountPage(page.items(), page.nextCursor());
    }

    private Written write(String id, AccountViews.AccountRequest r, String pointer) {
        List<String> domains = checkedDomains(r, pointer);
        if (r.queueId() != null) {
            queues.require(r.queueId());
        }
        checkParent(id, r.parentAccountId(), pointer);
        for (String d : domains) {
            AccountDomain held = em.find(AccountDomain.class, d);
            if (held != null && !held.accountId.equals(id)) {
                throw new ProblemException(ProblemType.CONFLICT, d + " belongs to account " + held.accountId + "; a domain belongs to one account");
            }
        }
        Account a = em.find(Account.class, id);
        boolean created = a == null;
        AccountViews.AccountView before = created ? null : view(a);
        Instant now = clock.instant();
        if (created) {
            a = new Account();
            a.id = id;
            a.createdAt = now;
        }
        a.name = r.name();
        a.ownerRepId = r.ownerRepId();
        a.queueId = r.queueId();
        a.parentAccountId = r.parentAccountId();
        a.attributes = json(r.attributes());
        a.updatedAt = now;
        if (created) {
            em.persist(a);
        }
        Map<String, AccountDomain> existing = new LinkedHashMap<>();
        if (!created) {
            em.createQuery("from AccountDomain d where d.accountId = :id", AccountDomain.class).setParameter("id", id)
                    .getResultList().forEach(d -> existing.put(d.domain, d));
        }
        for (int i = 0; i < domains.size(); i++) {
            AccountDomain kept = existing.remove(domains.get(i));
            if (kept != null) {
                kept.position = i;
            } else {
                em.persist(new AccountDomain(domains.get(i), id, i));
            }
        }
        existing.values().forEach(em::remove);
        AccountViews.AccountView after = view(a, domains);
        changed(created ? "account.created" : "account.updated", id, before, after);
        return new Written(after, created);
    }

    private List<String> checkedDomains(AccountViews.AccountRequest r, String pointer) {
        Set<String> out = new LinkedHashSet<>();
        List<FieldError> errors = new ArrayList<>();
        List<String> given = r.domains() == null ? List.of() : r.domains();
        for (int i = 0; i < given.size(); i++) {
            String d = AccountDomains.canonical(given.get(i));
            if (d == null) {
                errors.add(FieldError.atPointer(pointer + "/domains/" + i, "must be a domain name such as acme.com (not a public suffix such as co.uk)"));
            } else {
                out.add(d);
            }
        }
        if (out.isEmpty() && errors.isEmpty() && AccountNames.normalize(r.name()).isEmpty()) {
            errors.add(FieldError.atPointer(pointer + "/name", "an account needs a name or at least one domain to be matched"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return List.copyOf(out);
    }

    /** The parent exists, and is not the account itself or one of its descendants. */
    private void checkParent(String id, String parentId, String pointer) {
        String at = parentId;
        for (int depth = 0; at != null; depth++) {
            if (at.equals(id)) {
                throw ProblemException.validation(List.of(FieldError.atPointer(pointer + "/parentAccountId",
                        "would make the account its own ancestor")));
            }
            Account p = em.find(Account.class, at);
            if (p == null) {
                throw ProblemException.validation(List.of(FieldError.atPointer(pointer + "/parentAccountId", "no such account: " + at)));
            }
            if (depth >= AccountMatcher.MAX_DEPTH) {
                throw ProblemException.validation(List.of(FieldError.atPointer(pointer + "/parentAccountId",
                        "accounts nest at most " + AccountMatcher.MAX_DEPTH + " deep")));
            }
            at = p.parentAccountId;
        }
    }

    private void changed(String action, String id, Object before, Object after) {
        em.createNativeQuery("update account_version set version = version + 1 where id = 1").executeUpdate();
        // the counter's row lock orders account writes: versions are consecutive, one per change, in commit order
        long version = ((Number) em.createNativeQuery("select version from account_version where id = 1").getSingleResult()).longValue();
        em.createNativeQuery("insert into account_change (version, account_id) values (:version, :id)")
                .setParameter("version", version).setParameter("id", id).executeUpdate();
        em.createNativeQuery("delete from account_change where version = :old")
                .setParameter("old", version - AccountIndexHolder.CHANGES_KEPT).executeUpdate();
        audit.record(action, "account:" + id, before, after);
        index.refreshAfterCommit();
    }

    private Account find(String key) {
        if (isId(key)) {
            Account a = em.find(Account.class, key);
            if (a == null) {
                throw ProblemException.notFound("Account", key);
            }
            return a;
        }
        String domain = domain(key);
        AccountDomain d = em.find(AccountDomain.class, domain);
        if (d == null) {
            throw ProblemException.notFound("Account", domain);
        }
        return em.find(Account.class, d.accountId);
    }

    private static String domain(String key) {
        String d = AccountDomains.canonical(key);
        if (d == null) {
            throw ProblemException.invalidParameter("domain", "must be an account id (letters, digits, _ and -) or a domain name such as example.com");
        }
        return d;
    }

    private List<String> domains(String accountId) {
        return em.createQuery("select d.domain from AccountDomain d where d.accountId = :id order by d.position", String.class)
                .setParameter("id", accountId).getResultList();
    }

    private AccountViews.AccountView view(Account a) {
        return view(a, domains(a.id));
    }

    private AccountViews.AccountView view(Account a, List<String> domains) {
        return new AccountViews.AccountView(a.id, a.name, domains, domains.isEmpty() ? null : domains.get(0), a.ownerRepId, a.queueId,
                a.parentAccountId, attributes(a), a.createdAt, a.updatedAt);
    }

    private Map<String, Object> attributes(Account a) {
        if (a.attributes == null) {
            return null;
        }
        try {
            return mapper.readValue(a.attributes, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored account attributes are not JSON", e);
        }
    }

    private String json(Map<String, Object> attributes) {
        if (attributes == null || attributes.isEmpty()) {
            return null;
        }
        try {
            return mapper.writeValueAsString(new LinkedHashMap<>(attributes));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("attributes bound from JSON are JSON", e);
        }
    }
}
