package io.leadhandoff.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place exceptions become HTTP answers. Every answer is application/problem+json; nothing of
 * an exception's class, message or stack reaches the client except for our own {@link ProblemException}.
 */
public class ProblemMappers {

    public static final String PROBLEM_JSON = "application/problem+json";
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final Deadlines deadlines;
    private final RequestConfig config;

    public ProblemMappers(Deadlines deadlines, RequestConfig config) {
        this.deadlines = deadlines;
        this.config = config;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, HttpServerRequest request) {
        return respond(e.type(), e.getMessage(), request, e);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, HttpServerRequest request) {
        Throwable json = findCause(e, JsonProcessingException.class);
        if (json != null) {
            return malformed((JsonProcessingException) json, request);
        }
        if (e instanceof NotFoundException) {
            return respond(ProblemType.NOT_FOUND, "No resource at " + request.path(), request, null);
        }
        if (e instanceof NotAllowedException) {
            Response r = respond(ProblemType.METHOD_NOT_ALLOWED,
                    request.method() + " is not allowed on " + request.path(), request, null);
            String allow = e.getResponse().getHeaderString("Allow");
            return allow == null ? r : Response.fromResponse(r).header("Allow", allow).build();
        }
        if (e instanceof NotSupportedException) {
            return respond(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type " + safe(request.getHeader("Content-Type")) + " is not accepted here; send application/json",
                    request, null);
        }
        if (e instanceof NotAcceptableException) {
            return respond(ProblemType.NOT_ACCEPTABLE, "None of the media types in Accept can be produced", request, null);
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status == 413) {
            return respond(ProblemType.PAYLOAD_TOO_LARGE, "Request body is larger than allowed", request, null);
        }
        if (status >= 400 && status < 500) {
            return respond(ProblemType.BAD_REQUEST, "The request could not be read", request, null);
        }
        return unexpected(e, request);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, HttpServerRequest request) {
        return malformed(e, request);
    }

    /** Also JSON followed by more content (FAIL_ON_TRAILING_TOKENS), which Quarkus would answer with an empty 400. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, HttpServerRequest request) {
        return malformed(e, request);
    }

    @ServerExceptionMapper
    public Response any(Throwable e, HttpServerRequest request) {
        if (DatabaseFailures.unavailable(e) || DatabaseFailures.contended(e) || cutOff()) {
            LOG.warnf("Database unavailable or contended: %s", e.getClass().getSimpleName());
            return Response.fromResponse(respond(ProblemType.SERVICE_UNAVAILABLE,
                    "The database is not available right now; retry shortly", request, null))
                    .header("Retry-After", String.valueOf(config.retryAfterSeconds())).build();
        }
        Throwable json = findCause(e, JsonProcessingException.class);
        if (json != null) {
            return malformed((JsonProcessingException) json, request);
        }
        if (clientWentAway(e)) {
            LOG.debugf("Request body of %s %s could not be read: %s", request.method(), request.path(), e.getClass().getSimpleName());
            return respond(ProblemType.BAD_REQUEST, "The request body could not be read", request, null);
        }
        return unexpected(e, request);
    }

    /** The request's deadline passed (its database work was, or is about to be, cut off): whatever failed did so because of it. */
    private boolean cutOff() {
        try {
            Deadline d = deadlines.current();
            return d != null && (d.wasCutOff() || d.passed());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * The request body could not be read because the client went away or reset the stream: not our
     * failure. JSON errors are IOExceptions too; they are answered as malformed JSON instead.
     */
    static boolean clientWentAway(Throwable e) {
        if (findCause(e, JsonProcessingException.class) != null) {
            return false;
        }
        if (findCause(e, java.io.IOException.class) != null) {
            return true;
        }
        // Vert.x refuses to read on from a request whose HTTP/2 stream the client has already reset
        for (Throwable t : Causes.of(e)) {
            StackTraceElement[] at = t.getStackTrace();
            if (t instanceof IllegalStateException && at.length > 0 && at[0].getClassName().startsWith("io.vertx.core.http.impl.")
                    && at[0].getClassName().endsWith("ServerRequest")) {
                return true;
            }
        }
        return false;
    }

    private Response malformed(JsonProcessingException e, HttpServerRequest request) {
        String where = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        return respond(ProblemType.MALFORMED_JSON, "The body is not well-formed UTF-8 JSON" + where, request, null);
    }

    private Response unexpected(Throwable e, HttpServerRequest request) {
        String requestId = request.getHeader(HttpEdge.REQUEST_ID);
        LOG.errorf("Unexpected failure on %s %s (request %s): %s", request.method(), request.path(), requestId, redacted(e));
        return respond(ProblemType.INTERNAL,
                "Something went wrong on our side; quote request id " + requestId + " when reporting it", request, null);
    }

    /**
     * The exception chain as class names and the first frames of each, without messages: database
     * errors quote the values of the statement, and personal data must not reach the logs.
     */
    static String redacted(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t : Causes.of(e)) {
            out.append(t == e ? "" : " <- caused by ").append(t.getClass().getName());
            StackTraceElement[] frames = t.getStackTrace();
            for (int i = 0; i < Math.min(3, frames.length); i++) {
                out.append(i == 0 ? " at " : ", ").append(frames[i]);
            }
        }
        return out.toString();
    }

    static Response respond(ProblemType type, String detail, HttpServerRequest request, ProblemException source) {
        Problem body = new Problem(type.uri(), type.title(), type.status(), detail, request.path(),
                request.getHeader(HttpEdge.REQUEST_ID),
                source == null || source.errors().isEmpty() ? null : source.errors(),
                source == null ? null : source.currentState());
        Response.ResponseBuilder response = Response.status(type.status()).type(PROBLEM_JSON).entity(body);
        if (source != null) {
            source.headers().forEach(response::header);
        }
        return response.build();
    }

    private static Throwable findCause(Throwable e, Class<? extends Throwable> type) {
        return Causes.of(e).stream().filter(type::isInstance).findFirst().orElse(null);
    }

    private static String safe(String header) {
        if (header == null) {
            return "(none)";
        }
        String cleaned = header.replaceAll("[^\\x20-\\x7e]", "?");
        return cleaned.length() > 100 ? cleaned.substring(0, 100) + "…" : cleaned;
    }
}
