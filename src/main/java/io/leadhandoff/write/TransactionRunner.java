package io.leadhandoff.write;

import io.leadhandoff.common.DatabaseFailures;
import io.leadhandoff.common.Deadline;
import io.leadhandoff.common.Deadlines;
import io.leadhandoff.common.ProblemException;
import io.leadhandoff.common.ProblemType;
import io.leadhandoff.common.RequestConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Runs work in a transaction of its own under a deadline, and runs it again when that is safe and useful: the
 * database reported a lost race (unique key, deadlock, certification conflict at commit) or a lost connection,
 * and nothing was committed. Races that outlast the attempts are a 409 conflict, a database that stays
 * unreachable or a deadline that passes a 503, both with Retry-After — never a 500.
 */
@ApplicationScoped
public class TransactionRunner implements Transactor {

    private static final Logger LOG = Logger.getLogger(TransactionRunner.class);
    /** Backing off 10, 20, 40, … up to 250 ms (jittered): about 1.3 s of racing at most, and only within the deadline. */
    private static final int RACE_ATTEMPTS = 9;
    private static final int OUTAGE_ATTEMPTS = 2;
    private final Deadlines deadlines;
    private final RequestConfig config;
    /**
     * An attempt is not started with less time left than the pool may make it wait for a connection: that wait
     * is outside the watchdog's reach (it guards connections in use), so an attempt started later could overrun
     * the deadline. At least one second.
     */
    private final long minAttemptMillis;

    /** Reads Quarkus's own {@code quarkus.datasource.jdbc.acquisition-timeout} beside the request settings. */
    public TransactionRunner(Deadlines deadlines, RequestConfig config, Config quarkus) {
        this.deadlines = deadlines;
        this.config = config;
        this.minAttemptMillis = Math.max(1000, quarkus.getOptionalValue("quarkus.datasource.jdbc.acquisition-timeout", Duration.class)
                .map(Duration::toMillis).orElse(0L));
    }

    /** Work that may be run again only when nothing of an earlier run can have been committed. */
    public <T> T call(Supplier<T> work) {
        return call(deadlines.currentOrNew(), work, false);
    }

    /**
     * @param deadline      when to give up
     * @param work          runs inside the transaction (services join it: {@code @Transactional(MANDATORY)})
     * @param rerunIsSafe   the work itself detects an earlier committed run (an idempotency record), so it may be
     *                      run again even when a commit's outcome is unknown
     */
    @Override
    public <T> T call(Deadline deadline, Supplier<T> work, boolean rerunIsSafe) {
        int races = 0;
        int outages = 0;
        while (true) {
            if (deadline.remainingMillis() < minAttemptMillis) {
                throw unavailable("The request did not finish within its deadline; retry shortly");
            }
            try {
                return Deadlines.within(deadline, () -> once(deadline, work));
            } catch (BeforeCommit e) {
                RuntimeException cause = e.cause;
                if (deadline.wasCutOff()) {
                    throw unavailable("The database did not answer within the request's deadline; retry shortly");
                }
                if (DatabaseFailures.race(cause) && ++races < RACE_ATTEMPTS) {
                    pause(races);
                    continue;
                }
                if (DatabaseFailures.unavailable(cause) && ++outages < OUTAGE_ATTEMPTS) {
                    pause(outages);
                    continue;
                }
                throw classify(cause);
            } catch (RuntimeException atCommit) {
                if (atCommit instanceof ProblemException) {
                    throw atCommit;
                }
                if (deadline.wasCutOff()) {
                    LOG.warnf("Request cut off at its deadline while committing: %s", atCommit.getClass().getSimpleName());
                    throw new OutcomeUnknown("The database did not answer within the request's deadline; retry shortly",
                            config.retryAfterSeconds());
                }
                boolean nothingCommitted = DatabaseFailures.rolledBack(atCommit);
                if ((nothingCommitted || rerunIsSafe) && DatabaseFailures.race(atCommit) && ++races < RACE_ATTEMPTS) {
                    pause(races);
                    continue;
                }
                if ((nothingCommitted || rerunIsSafe) && DatabaseFailures.unavailable(atCommit) && ++outages < OUTAGE_ATTEMPTS) {
                    pause(outages);
                    continue;
                }
                if (!nothingCommitted && (DatabaseFailures.unavailable(atCommit) || DatabaseFailures.race(atCommit))) {
                    LOG.warnf("Commit outcome unknown: %s", atCommit.getClass().getSimpleName());
                    throw new OutcomeUnknown("The database failed while this request was being committed; retry it "
                            + "(with its Idempotency-Key, a retry is answered exactly once)", config.retryAfterSeconds());
                }
                throw classify(atCommit);
            }
        }
    }

    private <T> T once(Deadline deadline, Supplier<T> work) {
        // the watchdog ends the work at the deadline; the transaction timeout is only a backstop behind it
        int seconds = (int) Math.max(1, (deadline.remainingMillis() + 999) / 1000) + 5;
        return QuarkusTransaction.requiringNew().timeout(seconds).call(() -> {
            try {
                return work.get();
            } catch (ProblemException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new BeforeCommit(e);
            }
        });
    }

    /** A database failure becomes a 503; anything else is rethrown as it is. */
    private RuntimeException classify(RuntimeException e) {
        if (e instanceof ProblemException) {
            return e;
        }
        if (DatabaseFailures.contended(e) || DatabaseFailures.race(e)) {
            LOG.warnf("Gave up on a conflict after retries: %s", e.getClass().getSimpleName());
            return new ProblemException(ProblemType.CONFLICT, "Concurrent requests kept changing the same data; nothing of this "
                    + "request was applied, send it again").withHeader("Retry-After", "1");
        }
        if (DatabaseFailures.unavailable(e)) {
            LOG.warnf("Database unavailable: %s", e.getClass().getSimpleName());
            return unavailable("The database is not reachable right now; retry shortly");
        }
        return e;
    }

    private ProblemException unavailable(String detail) {
        return new ProblemException(ProblemType.SERVICE_UNAVAILABLE, detail)
                .withHeader("Retry-After", String.valueOf(config.retryAfterSeconds()));
    }

    private static void pause(int attempt) {
        long maxMillis = Math.min(250, 10L << Math.min(attempt, 5));
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1, maxMillis + 1) * 1_000_000);
    }

    /** A 503 after which the work may or may not have been committed: it must not be run again blindly. */
    public static final class OutcomeUnknown extends ProblemException {
        OutcomeUnknown(String detail, int retryAfterSeconds) {
            super(ProblemType.SERVICE_UNAVAILABLE, detail);
            withHeader("Retry-After", String.valueOf(retryAfterSeconds));
        }
    }

    /** Marks a failure of the work itself, before any commit was attempted: nothing of it was committed. */
    private static final class BeforeCommit extends RuntimeException {
        final RuntimeException cause;

        BeforeCommit(RuntimeException cause) {
            super(null, cause, false, false);
            this.cause = cause;
        }
    }
}
