package io.leadhandoff.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * What happens to every HTTP request before and after the REST layer: the request id (taken from
 * {@code X-Request-Id} or generated, echoed back and put in the log context), the per-endpoint body
 * size limits, its arrival time (for its deadline), 503 for new requests once the replica is draining, and
 * problem+json for failures that never reach a resource (e.g. an over-long body).
 */
@ApplicationScoped
public class HttpEdge {

    public static final String REQUEST_ID = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    /** Body limits: a batch of leads may be larger than a single lead. */
    static final long MAX_SINGLE_BODY = 2L * 1024 * 1024;
    static final long MAX_BATCH_BODY = 10L * 1024 * 1024;

    private final ObjectMapper mapper;
    private final Lifecycle lifecycle;
    private final Listeners listeners;
    private final RequestConfig config;

    public HttpEdge(ObjectMapper mapper, Lifecycle lifecycle, Listeners listeners, RequestConfig config) {
        this.mapper = mapper;
        this.lifecycle = lifecycle;
        this.listeners = listeners;
        this.config = config;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::onRequest);
        router.route().order(Integer.MIN_VALUE).failureHandler(this::onFailure);
    }

    private void onRequest(RoutingContext ctx) {
        ctx.put(Deadlines.ARRIVAL, System.nanoTime());
        listeners.accepted(ctx.request().connection());
        String requestId = ctx.request().getHeader(REQUEST_ID);
        if (requestId == null || !SAFE_ID.matcher(requestId).matches()) {
            requestId = Ids.next();
            ctx.request().headers().set(REQUEST_ID, requestId);
        }
        String id = requestId;
        MDC.put(MDC_KEY, id);
        ctx.response().putHeader(REQUEST_ID, id);
        if (lifecycle.refusingNewRequests() && !ctx.request().path().startsWith("/q/")) {
            ctx.response().putHeader("Retry-After", String.valueOf(config.retryAfterSeconds()));
            writeProblem(ctx, ProblemType.SERVICE_UNAVAILABLE, "This replica is shutting down; retry, another one will answer");
            return;
        }
        long max = maxBody(ctx.request().path());
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && exceeds(length, max)) {
            writeProblem(ctx, ProblemType.PAYLOAD_TOO_LARGE,
                    "Request body is larger than the " + (max / 1024 / 1024) + " MiB allowed for this endpoint");
            return;
        }
        ctx.next();
    }

    /** The body limit of the endpoint at {@code path}. */
    static long maxBody(String path) {
        return path.endsWith("/batch") ? MAX_BATCH_BODY : MAX_SINGLE_BODY;
    }

    private void onFailure(RoutingContext ctx) {
        if (ctx.response().headWritten()) {
            ctx.next();
            return;
        }
        int status = ctx.statusCode();
        if (status == 413) {
            writeProblem(ctx, ProblemType.PAYLOAD_TOO_LARGE, "Request body is larger than allowed");
        } else if (status == 400) {
            writeProblem(ctx, ProblemType.BAD_REQUEST, "The request could not be read");
        } else {
            ctx.next();
        }
    }

    private static boolean exceeds(String contentLength, long max) {
        try {
            return Long.parseLong(contentLength.trim()) > max;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private void writeProblem(RoutingContext ctx, ProblemType type, String detail) {
        Problem problem = new Problem(type.uri(), type.title(), type.status(), detail, ctx.request().path(),
                ctx.request().getHeader(REQUEST_ID), null, null);
        String body;
        try {
            body = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{}";
        }
        ctx.response().setStatusCode(type.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, ProblemMappers.PROBLEM_JSON)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body);
    }
}
