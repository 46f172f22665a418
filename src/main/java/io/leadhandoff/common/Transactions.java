package io.leadhandoff.common;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.sql.SQLException;
import java.util.function.Supplier;
import jakarta.persistence.OptimisticLockException;
import org.hibernate.StaleStateException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.LockAcquisitionException;

/**
 * Runs work in its own transaction and retries it when the database says another transaction won a
 * race (a unique key taken meanwhile, a deadlock, a row changed under it): the retry then sees the winner's row and takes the
 * other branch (merge instead of insert), which is how concurrent replicas agree without a singleton.
 */
public final class Transactions {

    private static final int ATTEMPTS = 4;

    private Transactions() {
    }

    public static <T> T inNewTransaction(Supplier<T> work) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(work::get);
            } catch (RuntimeException e) {
                if (!isRace(e)) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    /** True when the failure is a lost race that a retry resolves: unique key, deadlock, lock timeout. */
    public static boolean isRace(Throwable e) {
        for (Throwable t : Causes.of(e)) {
            if (t instanceof ConstraintViolationException || t instanceof LockAcquisitionException
                    || t instanceof OptimisticLockException || t instanceof StaleStateException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("23") || sql.getSQLState().equals("40001"))) {
                return true;
            }
        }
        return false;
    }

    /** True when the failure is a unique-key violation (another transaction inserted the same key). */
    public static boolean isUniqueViolation(Throwable e) {
        for (Throwable t : Causes.of(e)) {
            if (t instanceof ConstraintViolationException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }
}
