package io.leadhandoff.contract;

import io.vertx.ext.web.Router;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test-only bean (it lives in src/test, so only {@code @QuarkusTest} applications have it): writes the method, path
 * and status of every answer the test suite receives to {@link #FILE}, for {@link ObservedStatusesCheck}. Installed
 * before every other route handler, so answers that never reach a resource (413 at the edge) are seen too.
 */
@ApplicationScoped
public class ObservedStatusRecorder {

    static final Path FILE = Path.of("target", "observed-statuses.tsv");
    /**
     * JVM-wide (system properties are shared by every class loader): the file is emptied once per test JVM. Not under
     * {@code lead-handoff.}: every key there must be one of the configuration tree, or the next start fails.
     */
    private static final String STARTED = "lead-handoff-test.observed-statuses.started";
    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    void install(@Observes @Priority(1) Router router) {
        synchronized (ObservedStatusRecorder.class) {
            if (System.getProperty(STARTED) == null) {
                System.setProperty(STARTED, "true");
                try {
                    Files.deleteIfExists(FILE);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String method = ctx.request().method().name();
            String path = ctx.request().path();
            ctx.addHeadersEndHandler(v -> record(method + "\t" + path + "\t" + ctx.response().getStatusCode()));
            ctx.next();
        });
    }

    private static void record(String line) {
        if (!SEEN.add(line)) {
            return;
        }
        synchronized (ObservedStatusRecorder.class) {
            try {
                Files.createDirectories(FILE.getParent());
                Files.writeString(FILE, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
