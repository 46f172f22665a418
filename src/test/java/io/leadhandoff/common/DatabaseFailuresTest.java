package io.leadhandoff.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransactionException;
import com.mysql.cj.exceptions.ConnectionIsClosedException;
import com.mysql.cj.exceptions.StatementIsClosedException;
import jakarta.persistence.PessimisticLockException;
import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.RollbackException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import javax.transaction.xa.XAException;
import org.hibernate.exception.GenericJDBCException;
import org.junit.jupiter.api.Test;

/** Failures are classified by type, SQLState and vendor code as the drivers and pool really raise them. */
class DatabaseFailuresTest {

    private static SQLException fromPool() {
        // Agroal's "acquisition timeout": no SQLState, no vendor code, thrown by the pool itself
        SQLException timeout = new SQLException("Sorry, acquisition timeout!");
        timeout.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("io.agroal.pool.ConnectionPool", "handlerFromSharedCache", "ConnectionPool.java", 272)});
        return timeout;
    }

    @Test
    void anUnreachableDatabaseIsUnavailable() {
        assertThat(DatabaseFailures.unavailable(new RuntimeException(new SQLException("Communications link failure", "08S01")))).isTrue();
        assertThat(DatabaseFailures.unavailable(new SQLTransientConnectionException("refused"))).isTrue();
        assertThat(DatabaseFailures.unavailable(new SQLException("Lost connection", "HY000", 2013))).isTrue();
    }

    @Test
    void aStatementOrConnectionClosedUnderARunningBatchIsUnavailable() {
        // Connector/J when the connection is aborted under a running batch: Hibernate's GenericJDBCException around a
        // generic SQLException (S1009) whose cause is the driver's own StatementIsClosedException
        SQLException closed = new SQLException("No operations allowed after statement closed.", "S1009", 0, new StatementIsClosedException());
        assertThat(DatabaseFailures.unavailable(new GenericJDBCException("could not execute batch", closed))).isTrue();
        assertThat(DatabaseFailures.unavailable(new SQLException("x", "S1009", 0, new ConnectionIsClosedException()))).isTrue();
        assertThat(DatabaseFailures.unavailable(new SQLException("Object is already closed", "90007", 90007))).isTrue();
        assertThat(DatabaseFailures.unavailable(new GenericJDBCException("could not execute", new SQLException("bad", "S1009", 0)))).isFalse();
    }

    @Test
    void thePoolsAcquisitionTimeoutIsRecognisedByWhereItWasThrownNotByItsText() {
        assertThat(DatabaseFailures.unavailable(new GenericJDBCException("Unable to acquire JDBC Connection", fromPool()))).isTrue();
        assertThat(DatabaseFailures.unavailable(new SQLException("sorry, ACQUISITION timeout!"))).isFalse();
    }

    @Test
    void aReadOnlyOrRestartingServerIsUnavailable() {
        assertThat(DatabaseFailures.unavailable(new SQLException("running with --read-only", "HY000", 1290))).isTrue();
        assertThat(DatabaseFailures.unavailable(new SQLException("read-only transaction", "25006", 1792))).isTrue();
        assertThat(DatabaseFailures.unavailable(new SQLException("Server shutdown in progress", "08S01", 1053))).isTrue();
        assertThat(DatabaseFailures.unavailable(new SQLException("WSREP not ready", "08S01", 1047))).isTrue();
    }

    @Test
    void aCommitThatTheTransactionManagerCouldNotCompleteIsUnavailable() {
        RollbackException rolledBack = new RollbackException("ARJUNA016053");
        assertThat(DatabaseFailures.unavailable(new QuarkusTransactionException(rolledBack))).isTrue();
        assertThat(DatabaseFailures.rolledBack(new QuarkusTransactionException(rolledBack))).isTrue();
        assertThat(DatabaseFailures.rolledBack(new QuarkusTransactionException(new HeuristicMixedException()))).isFalse();
    }

    @Test
    void aTransactionTheReaperRolledBackUnderTheWorkIsUnavailable() {
        // Hibernate's words when the session is used after Narayana's reaper ended the transaction at its timeout
        var reaped = new org.hibernate.HibernateException("Transaction was rolled back in a different thread!");
        assertThat(DatabaseFailures.unavailable(new RuntimeException(reaped))).isTrue();
        assertThat(DatabaseFailures.unavailable(new org.hibernate.HibernateException("Unable to locate persister"))).isFalse();
    }

    @Test
    void aCertificationConflictAtCommitIsARace() {
        assertThat(DatabaseFailures.race(new RuntimeException(new XAException(XAException.XA_RBROLLBACK)))).isTrue();
        assertThat(DatabaseFailures.race(new SQLException("Deadlock found", "40001", 1213))).isTrue();
        assertThat(DatabaseFailures.race(new SQLException("Duplicate entry", "23000", 1062))).isTrue();
    }

    /** As the transaction manager reports a failed one-phase commit: a bare rollback, the resource's failure suppressed. */
    private static QuarkusTransactionException commitRolledBack(SQLException byTheDatabase) {
        XAException xa = new XAException(XAException.XA_RBROLLBACK);
        xa.initCause(byTheDatabase);
        RollbackException rolledBack = new RollbackException("ARJUNA016053: Could not commit transaction.");
        rolledBack.addSuppressed(xa);
        return new QuarkusTransactionException(rolledBack);
    }

    @Test
    void aGaleraCertificationConflictReportedAsARollbackAtCommitIsARaceThatLeftNothingCommitted() {
        QuarkusTransactionException conflict = commitRolledBack(new SQLException("WSREP detected deadlock/conflict", "40001", 1213));
        assertThat(DatabaseFailures.race(conflict)).isTrue();
        assertThat(DatabaseFailures.rolledBack(conflict)).isTrue();
    }

    @Test
    void aRollbackAtCommitThatCameWithALostConnectionIsAnOutageNotARace() {
        QuarkusTransactionException lost = commitRolledBack(new SQLException("Communications link failure", "08S01", 0));
        assertThat(DatabaseFailures.race(lost)).isFalse();
        assertThat(DatabaseFailures.unavailable(lost)).isTrue();
        assertThat(DatabaseFailures.race(commitRolledBack(new SQLException("Lost connection", "HY000", 2013)))).isFalse();
    }

    @Test
    void aBareRollbackAtCommitSaysNothingOfARace() {
        assertThat(DatabaseFailures.race(new QuarkusTransactionException(new RollbackException("ARJUNA016053")))).isFalse();
    }

    @Test
    void aDeadlockOrLockTimeoutThatOutlastedTheRetriesIsContention() {
        SQLException deadlock = new SQLException("Deadlock found when trying to get lock", "40001", 1213);
        assertThat(DatabaseFailures.contended(new PessimisticLockException(deadlock))).isTrue();
        assertThat(DatabaseFailures.contended(new RuntimeException(new SQLException("Lock wait timeout exceeded", "HY000", 1205)))).isTrue();
        assertThat(DatabaseFailures.contended(new SQLException("Duplicate entry", "23000", 1062))).isFalse();
    }

    @Test
    void programmingErrorsAreNotDatabaseFailures() {
        assertThat(DatabaseFailures.unavailable(new SQLException("Syntax error", "42000", 1064))).isFalse();
        assertThat(DatabaseFailures.unavailable(new IllegalArgumentException("bug"))).isFalse();
        assertThat(DatabaseFailures.race(new IllegalStateException("bug"))).isFalse();
        assertThat(DatabaseFailures.contended(new IllegalStateException("bug"))).isFalse();
    }
}
