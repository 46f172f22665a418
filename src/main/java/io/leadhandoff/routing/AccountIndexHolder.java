package io.leadhandoff.routing;

import io.leadhandoff.write.WritePath;
import java.time.Duration;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * This replica's {@link AccountIndex}. Every account write bumps {@code account_version} in its transaction; each replica
 * polls that one row every {@code lead-handoff.accounts.refresh-interval} and rebuilds its index when it moved, so all
 * replicas match against the same accounts within about that interval. The replica that made a change rebuilds before
 * its next match, so its own writes are seen at once.
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
    /** This replica changed accounts since the index was built: rebuild before the next match. */
    private volatile boolean stale = true;

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

    /** Reads every account and its domains in one transaction (one snapshot on MySQL and MariaDB) and swaps the index. */
    private void rebuild() {
        index = writes.job(STEP, () -> {
            long version = version();
            Map<String, List<String>> domains = new HashMap<>();
            for (Object[] d : rows("select account_id, domain from account_domain order by account_id, position")) {
                domains.computeIfAbsent((String) d[0], k -> new ArrayList<>(1)).add((String) d[1]);
            }
            List<AccountIndex.Row> rows = new ArrayList<>();
            for (Object[] a : rows("select id, name, owner_rep_id, queue_id, parent_account_id from account")) {
                rows.add(new AccountIndex.Row((String) a[0], (String) a[1], (String) a[2], (String) a[3], (String) a[4],
                        domains.getOrDefault((String) a[0], List.of())));
            }
            return AccountIndex.build(rows, version, index);
        });
    }

    private long version() {
        return ((Number) em.createNativeQuery("select version from account_version where id = 1").getSingleResult()).longValue();
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql) {
        return em.createNativeQuery(sql).getResultList();
    }
}
