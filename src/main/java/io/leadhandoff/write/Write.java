package io.leadhandoff.write;

/**
 * One write request as the write path sees it: who sent it, its {@code Idempotency-Key} (or null), and what
 * identifies the request for that key (method, path, the parsed body).
 */
public record Write(String caller, String idempotencyKey, String method, String path, Object body) {

    public boolean keyed() {
        return idempotencyKey != null;
    }
}
