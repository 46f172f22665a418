package io.leadhandoff.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import org.hibernate.exception.GenericJDBCException;
import org.junit.jupiter.api.Test;

/** A background job that failed because the database was down is an outage (a warning), anything else a fault. */
class JobFailuresTest {

    @Test
    void aJobThatFoundNoDatabaseIsAnOutage() {
        SQLException acquisition = new SQLException("Sorry, acquisition timeout!");
        acquisition.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("io.agroal.pool.ConnectionPool", "handlerFromSharedCache", "ConnectionPool.java", 272)});
        // as the scheduler hands it over: the job's exception inside a CompletionException
        assertThat(JobFailures.outage(new CompletionException(new GenericJDBCException("Unable to acquire JDBC Connection", acquisition)))).isTrue();
        assertThat(JobFailures.outage(new CompletionException(new SQLException("Lock wait timeout", "HY000", 1205)))).isTrue();
    }

    @Test
    void aBugInAJobIsNotAnOutage() {
        assertThat(JobFailures.outage(new CompletionException(new IllegalStateException("bug")))).isFalse();
        assertThat(JobFailures.outage(null)).isFalse();
    }
}
