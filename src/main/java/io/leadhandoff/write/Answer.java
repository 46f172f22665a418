package io.leadhandoff.write;

/**
 * What a write answers: status, body (serialised as JSON; null for 204) and an optional Location. A replayed answer
 * (the stored answer to an earlier request with the same key) carries its body as the stored JSON text.
 */
public record Answer(int status, Object body, String location, boolean replayed) {

    public Answer(int status, Object body, String location) {
        this(status, body, location, false);
    }

    public static Answer ok(Object body) {
        return new Answer(200, body, null);
    }

    public static Answer created(Object body, String location) {
        return new Answer(201, body, location);
    }

    public static Answer noContent() {
        return new Answer(204, null, null);
    }

    /** A replayed refusal's body is a problem document. */
    public boolean problem() {
        return status >= 400;
    }
}
