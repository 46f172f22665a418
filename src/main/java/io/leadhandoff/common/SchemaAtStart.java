package io.leadhandoff.common;

import io.quarkus.liquibase.LiquibaseFactory;
import io.quarkus.runtime.ApplicationLifecycleManager;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import liquibase.Liquibase;
import liquibase.lockservice.LockService;
import liquibase.lockservice.LockServiceFactory;
import org.jboss.logging.Logger;

/**
 * Migrates the schema before the replica serves (the HTTP port opens after start-up observers return). The first
 * connection is retried within {@link StartupConfig#databaseWindow()}: on a loaded host it may take longer than the
 * pool's acquisition timeout, and a replica should not crash for that. A database still unreachable at the end of
 * the window ends start-up with the reason, and the process exits non-zero. The tests' clean schema is dropped here
 * too, after the database answered, rather than by Liquibase's own clean-at-start (which would not wait for it). A
 * database that already has every changeset of this build ({@link SchemaManifest}) is not handed to Liquibase at all.
 */
@ApplicationScoped
public class SchemaAtStart {

    private static final Logger LOG = Logger.getLogger(SchemaAtStart.class);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(2);

    private final LiquibaseFactory liquibase;
    private final DataSource dataSource;
    private final StartupConfig config;

    public SchemaAtStart(LiquibaseFactory liquibase, DataSource dataSource, StartupConfig config) {
        this.liquibase = liquibase;
        this.dataSource = dataSource;
        this.config = config;
    }

    void migrate(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        if (ApplicationLifecycleManager.isAppCDSGeneration()) {
            // a class-data archive is recorded where the image is built, with no database: start, record, exit
            LOG.info("Recording the class-data archive (quarkus.appcds.generate): the schema is not touched");
            return;
        }
        awaitDatabase(Deadline.in(config.databaseWindow()));
        if (!config.cleanSchema() && upToDate()) {
            LOG.info("Schema up to date: every changeset of this build is applied with its checksum; Liquibase not started");
            return;
        }
        try (Liquibase migration = liquibase.createLiquibase()) {
            if (config.cleanSchema()) {
                migration.dropAll();
            }
            LockService lock = LockServiceFactory.getInstance().getLockService(migration.getDatabase());
            lock.waitForLock();
            try {
                if (liquibase.getConfiguration().validateOnMigrate) {
                    migration.validate();
                }
                migration.update(liquibase.createContexts(), liquibase.createLabels());
            } finally {
                lock.releaseLock();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Liquibase could not migrate the schema", e);
        }
    }

    /**
     * Ends a start that only records the class-data archive (the image's build step, {@code -Dquarkus.appcds.generate=true}
     * with {@code -XX:ArchiveClassesAtExit}) once every start-up observer ran: the JVM writes the archive as it exits.
     */
    void archiveRecorded(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent event) {
        if (ApplicationLifecycleManager.isAppCDSGeneration()) {
            Quarkus.asyncExit(0);
        }
    }

    /** Whether the database has applied this build's {@link SchemaManifest}; false on any doubt. */
    boolean upToDate() {
        Optional<List<SchemaManifest.Shipped>> shipped = SchemaManifest.shipped();
        if (shipped.isEmpty()) {
            return false;
        }
        try (Connection connection = dataSource.getConnection()) {
            return SchemaManifest.upToDate(shipped.get(),
                    SchemaManifest.applied(connection, liquibase.getConfiguration().databaseChangeLogTableName));
        } catch (SQLException e) {
            LOG.debugf("Change log not read (%s): Liquibase decides", e.getMessage());
            return false;
        }
    }

    /** Returns once a connection answers; throws when none did within the window. */
    void awaitDatabase(Deadline window) {
        Duration pause = Duration.ofMillis(250);
        for (int attempt = 1; ; attempt++) {
            SQLException failure;
            try (Connection connection = dataSource.getConnection()) {
                if (connection.isValid(5)) {
                    if (attempt > 1) {
                        LOG.infof("Database reached at start-up after %d attempts", attempt);
                    }
                    return;
                }
                failure = new SQLException("The connection did not answer a validity check");
            } catch (SQLException e) {
                failure = e;
            }
            if (window.remainingMillis() <= pause.toMillis()) {
                throw new IllegalStateException("Liquibase cannot migrate: no database connection within the start-up window of "
                        + config.databaseWindow().toSeconds() + " s", failure);
            }
            LOG.warnf("Database not reachable at start-up (attempt %d, %s); retrying for another %d s", attempt,
                    failure.getClass().getSimpleName(), window.remainingMillis() / 1000);
            LockSupport.parkNanos(pause.toNanos());
            pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
        }
    }
}
