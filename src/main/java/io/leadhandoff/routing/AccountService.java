package io.leadhandoff.routing;

import io.leadhandoff.audit.AuditService;
import io.leadhandoff.common.Identity;
import io.leadhandoff.common.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Locale;

/** Named accounts: a company domain with its owner rep or queue, which routing tries before the rules. */
@ApplicationScoped
public class AccountService {

    private final EntityManager em;
    private final Clock clock;
    private final AuditService audit;
    private final QueueService queues;

    public AccountService(EntityManager em, Clock clock, AuditService audit, QueueService queues) {
        this.em = em;
        this.clock = clock;
        this.audit = audit;
        this.queues = queues;
    }

    @Transactional
    public RoutingViews.AccountView putAccount(String domain, RoutingViews.AccountRequest r) {
        String key = domain(domain);
        if (r.queueId() != null) {
            queues.require(r.queueId());
        }
        Account a = em.find(Account.class, key);
        RoutingViews.AccountView before = a == null ? null : view(a);
        if (a == null) {
            a = new Account();
            a.domain = key;
        }
        a.name = r.name();
        a.ownerRepId = r.ownerRepId();
        a.queueId = r.queueId();
        a.updatedAt = clock.instant();
        if (!em.contains(a)) {
            em.persist(a);
        }
        audit.record(before == null ? "account.created" : "account.updated", "account:" + key, before, view(a));
        return view(a);
    }

    @Transactional
    public RoutingViews.AccountView getAccount(String domain) {
        return view(account(domain(domain)));
    }

    @Transactional
    public void deleteAccount(String domain) {
        Account a = account(domain(domain));
        audit.record("account.deleted", "account:" + a.domain, view(a), null);
        em.remove(a);
    }

    private Account account(String domain) {
        Account a = em.find(Account.class, domain);
        if (a == null) {
            throw ProblemException.notFound("Account", domain);
        }
        return a;
    }

    private static String domain(String domain) {
        String d = domain == null ? "" : domain.trim().toLowerCase(Locale.ROOT);
        String ascii = Identity.domain(d);
        d = ascii == null ? d : ascii;
        if (d.startsWith("www.")) {
            d = d.substring(4);
        }
        if (d.isEmpty() || d.length() > 253 || !d.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")) {
            throw ProblemException.invalidParameter("domain", "must be a domain name such as example.com");
        }
        return d;
    }

    private RoutingViews.AccountView view(Account a) {
        return new RoutingViews.AccountView(a.domain, a.name, a.ownerRepId, a.queueId, a.updatedAt);
    }
}
