package io.leadhandoff.common;

import com.mysql.cj.exceptions.CJCommunicationsException;
import com.mysql.cj.exceptions.ConnectionIsClosedException;
import com.mysql.cj.exceptions.StatementIsClosedException;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.HeuristicRollbackException;
import jakarta.transaction.RollbackException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransactionRollbackException;
import java.util.List;
import java.util.Set;
import javax.transaction.xa.XAException;
import org.hibernate.StaleStateException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.JDBCConnectionException;
import org.hibernate.exception.LockAcquisitionException;

/**
 * What a failure says about the database, decided by exception type, SQLState and vendor error code — never
 * by message text, which differs between drivers, versions and languages.
 */
public final class DatabaseFailures {

    /** MySQL/MariaDB error codes that mean "not now": read-only, shutting down, killed, gone, not yet synced (Galera). */
    private static final Set<Integer> UNAVAILABLE_CODES = Set.of(
            1290, // running with --read-only
            1836, // read-only mode
            1792, // statement not allowed in a read-only transaction
            1053, // server shutdown in progress
            1927, // connection killed
            2002, 2003, 2006, 2013, 2055, // cannot connect, gone away, lost during query
            1047, // WSREP has not yet prepared the node for application use
            1040  // too many connections
    );
    /** Of those, the ones that mean the connection itself is gone. */
    private static final Set<Integer> LOST_CODES = Set.of(1053, 1927, 2002, 2003, 2006, 2013, 2055);
    /** H2 error codes for a closed or broken database, or a connection or statement closed under a running query. */
    private static final Set<Integer> H2_UNAVAILABLE_CODES = Set.of(90098, 90067, 90121, 90028, 90007);

    private DatabaseFailures() {
    }

    /**
     * Another transaction won a race, and running the work again resolves it: a unique key taken meanwhile, a
     * deadlock or lock wait timeout, a row changed underneath, or a transaction the database rolled back at
     * commit (a Galera certification conflict: the node answers 1213 to the commit, the pool reports
     * {@code XA_RBROLLBACK}, and the transaction manager a rollback with both attached as suppressed). A
     * rollback that came with a lost connection is not a race: that is {@link #unavailable}.
     */
    public static boolean race(Throwable e) {
        List<Throwable> chain = Causes.of(e);
        if (chain.stream().anyMatch(DatabaseFailures::connectionLost)) {
            return false;
        }
        for (Throwable t : chain) {
            if (t instanceof ConstraintViolationException || t instanceof LockAcquisitionException
                    || t instanceof OptimisticLockException || t instanceof StaleStateException
                    || t instanceof PessimisticLockException || t instanceof LockTimeoutException
                    || t instanceof org.hibernate.PessimisticLockException
                    || t instanceof SQLTransactionRollbackException) {
                return true;
            }
            if (t instanceof SQLException sql && (state(sql).startsWith("23") || state(sql).equals("40001")
                    || sql.getErrorCode() == 1213 || sql.getErrorCode() == 1205)) {
                return true;
            }
            if (t instanceof XAException xa && xa.errorCode >= XAException.XA_RBBASE && xa.errorCode <= XAException.XA_RBEND) {
                return true;
            }
        }
        return false;
    }

    /** A deadlock or lock wait that outlasted the retries: nothing was written, the request may be sent again. */
    public static boolean contended(Throwable e) {
        for (Throwable t : Causes.of(e)) {
            if (t instanceof LockAcquisitionException || t instanceof org.hibernate.PessimisticLockException
                    || t instanceof PessimisticLockException || t instanceof LockTimeoutException
                    || t instanceof SQLTransactionRollbackException) {
                return true;
            }
            if (t instanceof SQLException sql && ("40001".equals(state(sql)) || sql.getErrorCode() == 1205 || sql.getErrorCode() == 1213)) {
                return true;
            }
        }
        return false;
    }

    /** A unique key was taken by another transaction. */
    public static boolean uniqueViolation(Throwable e) {
        for (Throwable t : Causes.of(e)) {
            if (t instanceof ConstraintViolationException) {
                return true;
            }
            if (t instanceof SQLException sql && state(sql).startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The database cannot be used right now: unreachable, lost mid-statement, restarting, read-only, a pool that
     * found no connection in time, or a transaction the transaction manager could not complete.
     */
    public static boolean unavailable(Throwable e) {
        for (Throwable t : Causes.of(e)) {
            if (connectionLost(t) || t instanceof SQLTimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql && (state(sql).equals("25006") || state(sql).equals("HYT00") || state(sql).equals("70100")
                    || UNAVAILABLE_CODES.contains(sql.getErrorCode()) || fromPool(sql))) {
                return true;
            }
            if (t instanceof RollbackException || t instanceof HeuristicMixedException || t instanceof HeuristicRollbackException
                    || t instanceof XAException || t instanceof jakarta.transaction.SystemException || reaped(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The transaction manager's reaper rolled the transaction back at its timeout while the work was still running (a
     * host so loaded that the work outlived its deadline's backstop); Hibernate reports it when the session is next
     * used. Nothing was committed: it is an overload, answered 503, not a failure of the request.
     */
    private static boolean reaped(Throwable t) {
        return t instanceof org.hibernate.HibernateException && t.getMessage() != null
                && t.getMessage().contains("rolled back in a different thread");
    }

    /** True when the failure certainly left nothing committed: it came before commit, or commit rolled back. */
    public static boolean rolledBack(Throwable e) {
        for (Throwable t : Causes.of(e)) {
            if (t instanceof HeuristicMixedException || t instanceof jakarta.transaction.SystemException) {
                return false;
            }
        }
        for (Throwable t : Causes.of(e)) {
            if (t instanceof RollbackException || t instanceof HeuristicRollbackException) {
                return true;
            }
        }
        return false;
    }

    /** The connection broke, or the server behind it went away, under this work. */
    private static boolean connectionLost(Throwable t) {
        if (t instanceof JDBCConnectionException || t instanceof SQLTransientConnectionException
                || t instanceof SQLNonTransientConnectionException || t instanceof SQLRecoverableException) {
            return true;
        }
        // Connector/J's own exceptions under a generic SQLException (SQLState S1009): the connection was lost or
        // aborted (the deadline watchdog, a dead server) while a statement or batch was running on it
        if (t instanceof StatementIsClosedException || t instanceof ConnectionIsClosedException || t instanceof CJCommunicationsException) {
            return true;
        }
        return t instanceof SQLException sql && (state(sql).startsWith("08") || LOST_CODES.contains(sql.getErrorCode())
                || H2_UNAVAILABLE_CODES.contains(sql.getErrorCode()));
    }

    /**
     * The connection pool gives up waiting for a free connection — or cannot enlist one in a transaction the
     * transaction manager already ended — with a bare SQLException (no SQLState, no vendor code); where it was
     * thrown is what identifies it.
     */
    private static boolean fromPool(SQLException sql) {
        if (sql.getSQLState() != null || sql.getErrorCode() != 0) {
            return false;
        }
        StackTraceElement[] at = sql.getStackTrace();
        return at.length > 0 && at[0].getClassName().startsWith("io.agroal.");
    }

    private static String state(SQLException sql) {
        return sql.getSQLState() == null ? "" : sql.getSQLState();
    }
}
