package io.leadhandoff.routing;

import io.leadhandoff.write.WritePath;
import java.time.Duration;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * This replica's {@link AccountIndex}. Every account write bumps {@code account_version} in its transaction and logs the
 * account it changed under the new version ({@code account_change}); each replica polls that one row every
 * {@code lead-handoff.accounts.refresh-interval} and, when it moved, applies the changed accounts to its index (a delta:
 * far cheaper than a rebuild) or, when it is too far behind, rebuilds it from every account (seconds at 100,000). So all replicas match
 * against the same accounts within about that interval. The replica that made a change refreshes before its next match,
 * so its own writes are seen at once.
 */
@ApplicationScoped
public class AccountIndexHolder {

    private static final Logger LOG = Logger.getLogger(AccountIndexHolder.class);
    private static final Object REFRESH_REGISTERED = new Object();

    private final EntityManager em;
    private final TransactionSynchronizationRegistry transactions;
    private final AccountMatcher matcher;
    private final Object rebuilding = new Object();
    private volatile AccountIndex index = AccountIndex.EMPTY;
    /** Times this replica read every account (the first build, a replica too far behind, a large import). */
    private final AtomicLong fullBuilds = new AtomicLong();
    /** This replica changed accounts since the index was built: rebuild before the next match. */
    private volatile boolean stale = true;

    /** Account changes kept in {@code account_change}: a replica further behind rebuilds in full. */
    static final long CHANGES_KEPT = 10_000;
    /** Changes applied as a delta at most; more (a large import since the last refresh) and the index is rebuilt. */
    static final long DELTA_LIMIT = 5_000;
    /** Account ids per {@code in} list when reading changed accounts. */
    private static final int IN_LIST = 500;
    private static final String ACCOUNTS = "select id, name, owner_rep_id, queue_id, parent_account_id from account";
    private static final String DOMAINS = "select account_id, domain from account_domain";

    /** An account row as the index reads it. */
    record AccountRow(String id, String name, String ownerRepId, String queueId, String parentAccountId) {
    }

    /** A domain row as the index reads it. */
    record DomainRow(String accountId, String domain) {
    }

    /** The most one step of this job may take. */
    private static final Duration STEP = Duration.ofSeconds(30);
    private final WritePath writes;

    public AccountIndexHolder(EntityManager em, TransactionSynchronizationRegistry transactions, AccountsConfig config, WritePath writes) {
        this.writes = writes;
        this.em = em;
        this.transactions = transactions;
        this.matcher = new AccountMatcher(config.fuzzyThreshold(), config.ambiguityMargin());
    }

    /** Matches a lead against the current index. */
    public AccountMatcher.Result match(AccountMatcher.Query query) {
        return matcher.match(current(), query);
    }

    /** The current index, rebuilt first when this replica changed accounts since it was built. */
    public AccountIndex current() {
        if (stale) {
            synchronized (rebuilding) {
                if (stale) {
                    stale = false;
                    try {
                        rebuild();
                    } catch (RuntimeException e) {
                        stale = true;
                        throw e;
                    }
                }
            }
        }
        return index;
    }

    /** In an account write's transaction: once it commits, this replica's next match sees the change. */
    void refreshAfterCommit() {
        if (transactions.getResource(REFRESH_REGISTERED) != null) {
            return;
        }
        transactions.putResource(REFRESH_REGISTERED, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    stale = true;
                }
            }
        });
    }

    @Scheduled(every = "${lead-handoff.accounts.refresh-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        try {
            long version = writes.job(STEP, this::version);
            if (version != index.version()) {
                synchronized (rebuilding) {
                    if (version != index.version()) {
                        rebuild();
                    }
                }
            }
        } catch (RuntimeException e) {
            // the database is away: keep matching with the index we have, try again at the next tick
            LOG.debugf("account index refresh skipped: %s", e.getMessage());
        }
    }

    /**
     * Brings the index up to the accounts' version: the accounts changed since the index's version applied as a delta
     * when the change log holds every one of them and they are few, else every account read again. Applying a change
     * twice gives the same index (an account is taken out and put back as it is now), so a write committed while this
     * reads is at worst applied again at the next refresh.
     */
    private void rebuild() {
        AccountIndex current = index;
        index = writes.job(STEP, () -> {
            long version = version();
            if (version == current.version()) {
                return current;
            }
            long behind = version - current.version();
            if (current.version() >= 0 && behind > 0 && behind <= DELTA_LIMIT) {
                List<String> changed = em.createNativeQuery("select account_id from account_change where version > :from and version <= :to",
                        String.class).setParameter("from", current.version()).setParameter("to", version).getResultList();
                if (changed.size() == behind) {
                    Set<String> ids = new LinkedHashSet<>(changed);
                    return current.with(ids, rows(ids), version);
                }
            }
            fullBuilds.incrementAndGet();
            return AccountIndex.build(rows(null), version, current);
        });
    }

    /** The rows of the accounts {@code ids} (those that still exist), or of every account when null. */
    private List<AccountIndex.Row> rows(Set<String> ids) {
        Map<String, List<String>> domains = new HashMap<>();
        List<AccountRow> accounts = new ArrayList<>();
        if (ids == null) {
            select(DOMAINS + " order by account_id, position", DomainRow.class, null)
                    .forEach(d -> domains.computeIfAbsent(d.accountId(), k -> new ArrayList<>(1)).add(d.domain()));
            accounts.addAll(select(ACCOUNTS, AccountRow.class, null));
        } else {
            List<String> all = List.copyOf(ids);
            for (int from = 0; from < all.size(); from += IN_LIST) {
                List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_LIST));
                select(DOMAINS + " where account_id in (:ids) order by account_id, position", DomainRow.class, chunk)
                        .forEach(d -> domains.computeIfAbsent(d.accountId(), k -> new ArrayList<>(1)).add(d.domain()));
                accounts.addAll(select(ACCOUNTS + " where id in (:ids)", AccountRow.class, chunk));
            }
        }
        List<AccountIndex.Row> rows = new ArrayList<>(accounts.size());
        for (AccountRow a : accounts) {
            rows.add(new AccountIndex.Row(a.id(), a.name(), a.ownerRepId(), a.queueId(), a.parentAccountId(),
                    domains.getOrDefault(a.id(), List.of())));
        }
        return rows;
    }

    private <T> List<T> select(String sql, Class<T> row, List<String> ids) {
        Query query = em.createNativeQuery(sql, row);
        if (ids != null) {
            query.setParameter("ids", ids);
        }
        @SuppressWarnings("unchecked")
        List<T> result = query.getResultList();
        return result;
    }

    long fullBuilds() {
        return fullBuilds.get();
    }

    private long version() {
        return ((Number) em.createNativeQuery("select version from account_version where id = 1").getSingleResult()).longValue();
    }
}
