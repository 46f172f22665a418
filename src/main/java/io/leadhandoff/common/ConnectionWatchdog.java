package io.leadhandoff.common;

import io.agroal.api.AgroalPoolInterceptor;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Cuts a database connection off when the deadline of the work holding it passes. A frozen database (or a
 * network black hole) never answers, so a statement would otherwise wait for the driver's socket timeout, and
 * a request with several statements for several of them. Aborting the connection closes its socket at once:
 * the blocked statement fails, the transaction is lost (never half-applied), and the pool replaces the
 * connection.
 */
@ApplicationScoped
public class ConnectionWatchdog implements AgroalPoolInterceptor {

    private static final Logger LOG = Logger.getLogger(ConnectionWatchdog.class);
    static final int LOGIN_TIMEOUT_SECONDS = 2;
    static final int POOLED_TIMEOUT_MILLIS = 2000;

    private final Deadlines deadlines;
    private final ScheduledThreadPoolExecutor timer;
    private final Map<Connection, Armed> armed = Collections.synchronizedMap(new IdentityHashMap<>());
    /** The driver's socket timeout, read from the first connection (0: none). */
    private volatile int workTimeoutMillis = -1;

    public ConnectionWatchdog(Deadlines deadlines) {
        this.deadlines = deadlines;
        // Opening a connection is not covered by the watchdog (it arms once the pool hands a connection out), and
        // Connector/J waits for a frozen server's handshake for the whole socket timeout unless a login timeout
        // is set: bound it below the request deadline.
        DriverManager.setLoginTimeout(LOGIN_TIMEOUT_SECONDS);
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = Executors.defaultThreadFactory().newThread(r);
            t.setName("connection-watchdog");
            t.setDaemon(true);
            return t;
        });
        this.timer.setRemoveOnCancelPolicy(true);
    }

    /**
     * A pooled connection waits with a short socket timeout. The pool talks to the server before it hands a
     * connection out (enlisting it sets autocommit off) and after it takes it back (resetting it) — both outside
     * the watchdog's reach — so a frozen server must not hold a request there for the whole socket timeout.
     */
    @Override
    public void onConnectionCreate(Connection connection) {
        Connection raw = raw(connection);
        if (raw != null) {
            if (workTimeoutMillis < 0) {
                workTimeoutMillis = networkTimeout(raw);
            }
            setNetworkTimeout(raw, POOLED_TIMEOUT_MILLIS);
        }
    }

    @Override
    public void onConnectionAcquire(Connection connection) {
        Deadline deadline = deadlines.current();
        Connection raw = raw(connection);
        if (raw == null) {
            return;
        }
        // work may be long (a background rebuild): the driver's own socket timeout again, the watchdog for requests
        setNetworkTimeout(raw, Math.max(0, workTimeoutMillis));
        if (deadline == null) {
            return;
        }
        Armed a = new Armed(raw, deadline);
        Armed before = armed.put(raw, a);
        if (before != null) {
            before.disarm();
        }
        a.future = timer.schedule(a::fire, deadline.remainingNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void onConnectionReturn(Connection connection) {
        Connection raw = raw(connection);
        Armed a = raw == null ? null : armed.remove(raw);
        if (a != null) {
            a.disarm();
        }
        if (raw != null) {
            setNetworkTimeout(raw, POOLED_TIMEOUT_MILLIS);
        }
    }

    private static int networkTimeout(Connection raw) {
        try {
            return raw.getNetworkTimeout();
        } catch (SQLException | RuntimeException | AbstractMethodError e) {
            return 0;
        }
    }

    private static void setNetworkTimeout(Connection raw, int millis) {
        try {
            raw.setNetworkTimeout(Runnable::run, millis);
        } catch (SQLException | RuntimeException | AbstractMethodError e) {
            // a driver without network timeouts (H2 embedded): nothing to bound
        }
    }

    /** Connections armed right now (for tests and metrics). */
    int armedCount() {
        return armed.size();
    }

    /** Whether this connection (as handed out by the pool, or the driver's own) is armed now (for tests). */
    boolean isArmed(Connection connection) {
        Connection raw = raw(connection);
        return raw != null && armed.containsKey(raw);
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }

    private static Connection raw(Connection connection) {
        try {
            return connection.unwrap(Connection.class);
        } catch (SQLException | RuntimeException e) {
            return null;
        }
    }

    private final class Armed {
        final Connection raw;
        final Deadline deadline;
        volatile ScheduledFuture<?> future;
        private boolean done;

        Armed(Connection raw, Deadline deadline) {
            this.raw = raw;
            this.deadline = deadline;
        }

        synchronized void disarm() {
            done = true;
            ScheduledFuture<?> f = future;
            if (f != null) {
                f.cancel(false);
            }
        }

        void fire() {
            synchronized (this) {
                if (done) {
                    return;
                }
                done = true;
            }
            armed.remove(raw, this);
            deadline.markCutOff();
            LOG.warn("Request deadline passed while the database had not answered: aborting its connection");
            try {
                raw.abort(Runnable::run);
            } catch (SQLException | RuntimeException e) {
                LOG.debugf("Aborting a connection failed: %s", e.getClass().getSimpleName());
            }
        }
    }
}
