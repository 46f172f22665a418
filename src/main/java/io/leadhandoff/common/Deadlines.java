package io.leadhandoff.common;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.function.Supplier;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every request has one deadline ({@code lead-handoff.request.deadline}, counted from its arrival), shared by
 * everything it does: retries, a group transaction it joins, each database statement. Work that runs on behalf
 * of other requests (a group commit) or of nobody (a health probe) sets its deadline with {@link #within}.
 */
@ApplicationScoped
public class Deadlines {

    /** Routing-context key under which {@link HttpEdge} records when a request arrived (nanoTime). */
    public static final String ARRIVAL = "lead-handoff.arrival";

    private static final ThreadLocal<Deadline> OVERRIDE = new ThreadLocal<>();

    private final RequestConfig config;
    private final PerRequest perRequest;

    @Inject
    public Deadlines(RequestConfig config, PerRequest perRequest) {
        this.config = config;
        this.perRequest = perRequest;
    }

    /** The deadline the current thread works under, or null for work no request waits for. */
    public Deadline current() {
        Deadline set = OVERRIDE.get();
        if (set != null) {
            return set;
        }
        ManagedContext requests = Arc.container() == null ? null : Arc.container().requestContext();
        return requests != null && requests.isActive() ? perRequest.deadline() : null;
    }

    /** The current deadline, or a fresh one of the configured length when there is none. */
    public Deadline currentOrNew() {
        Deadline d = current();
        return d != null ? d : Deadline.in(config.deadline());
    }

    /** Runs {@code work} under {@code deadline}: the database connections it acquires are cut off when it passes. */
    public static <T> T within(Deadline deadline, Supplier<T> work) {
        Deadline before = OVERRIDE.get();
        OVERRIDE.set(deadline);
        try {
            return work.get();
        } finally {
            if (before == null) {
                OVERRIDE.remove();
            } else {
                OVERRIDE.set(before);
            }
        }
    }

    @ServerRequestFilter
    void start(RoutingContext ctx) {
        Long arrival = ctx == null ? null : ctx.get(ARRIVAL);
        perRequest.start(Deadline.after(arrival == null ? System.nanoTime() : arrival, config.deadline()));
    }

    /**
     * The deadline of the HTTP request being served, set by the request filter at its start. A request context
     * that no HTTP request opened (a scheduled job, a test method) has none: its work is not cut off at the
     * request deadline (a background rebuild may take longer; the driver's socket timeout bounds each statement).
     */
    @RequestScoped
    public static class PerRequest {
        private Deadline deadline;

        void start(Deadline d) {
            deadline = d;
        }

        Deadline deadline() {
            return deadline;
        }
    }
}
