package io.leadhandoff.common;

import io.quarkus.scheduler.FailedExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Logs a background job that failed, in place of the scheduler's own log line (switched off in
 * application.properties): one warning when the database is unreachable — the job simply runs again on its
 * next tick — and an error with the redacted exception chain otherwise. The scheduler's line would print
 * the whole stack with the driver's messages, which quote the statement's values (personal data).
 */
@ApplicationScoped
public class JobFailures {

    private static final Logger LOG = Logger.getLogger(JobFailures.class);

    void failed(@Observes FailedExecution failed) {
        String job = failed.getExecution().getTrigger().getId();
        Throwable e = failed.getException();
        if (outage(e)) {
            LOG.warnf("Background job %s skipped this run: the database is unavailable (%s)", job, e.getClass().getSimpleName());
        } else {
            LOG.errorf("Background job %s failed: %s", job, ProblemMappers.redacted(e));
        }
    }

    /** A failure the job recovers from by itself on its next run: the database unreachable, frozen or contended. */
    static boolean outage(Throwable e) {
        return e != null && (DatabaseFailures.unavailable(e) || DatabaseFailures.contended(e));
    }
}
