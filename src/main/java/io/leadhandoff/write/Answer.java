package io.leadhandoff.write;

/** What a successful write answers: status, body (serialised as JSON; null for 204) and an optional Location. */
public record Answer(int status, Object body, String location) {

    public static Answer ok(Object body) {
        return new Answer(200, body, null);
    }

    public static Answer created(Object body, String location) {
        return new Answer(201, body, location);
    }

    public static Answer noContent() {
        return new Answer(204, null, null);
    }
}
