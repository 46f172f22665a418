package io.leadhandoff.common;

import java.net.URI;

/** The stable problem types of the API; clients match on {@link #uri()}. */
public enum ProblemType {
    VALIDATION(422, "validation", "Request is not valid"),
    MALFORMED_JSON(400, "malformed-json", "Request body is not valid JSON"),
    BAD_REQUEST(400, "bad-request", "Bad request"),
    UNAUTHORIZED(401, "unauthorized", "Authentication required"),
    FORBIDDEN(403, "forbidden", "Not allowed"),
    NOT_FOUND(404, "not-found", "Resource not found"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    NOT_ACCEPTABLE(406, "not-acceptable", "Not acceptable"),
    CONFLICT(409, "conflict", "Conflict"),
    INVALID_TRANSITION(409, "invalid-transition", "Transition not allowed in the current state"),
    LEASE_LOST(409, "lease-lost", "The lease is not the current one"),
    IDEMPOTENCY_IN_FLIGHT(409, "idempotency-in-flight", "A request with this Idempotency-Key is still being processed"),
    IDEMPOTENCY_MISMATCH(422, "idempotency-key-reuse", "Idempotency-Key was already used with a different request"),
    CURSOR_EXPIRED(410, "cursor-expired", "Cursor older than the retention"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "Request body too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
    RATE_LIMITED(429, "rate-limited", "Too many requests"),
    SERVICE_UNAVAILABLE(503, "service-unavailable", "Service temporarily unavailable"),
    INTERNAL(500, "internal", "Internal server error");

    public static final String BASE = "urn:lead-handoff:problem:";

    private final int status;
    private final URI uri;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.uri = URI.create(BASE + slug);
        this.title = title;
    }

    public int status() {
        return status;
    }

    public URI uri() {
        return uri;
    }

    public String title() {
        return title;
    }
}
