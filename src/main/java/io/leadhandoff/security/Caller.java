package io.leadhandoff.security;

import io.leadhandoff.common.ProblemException;
import java.util.Set;

/**
 * Who is calling: the API key (or the configured bootstrap key) behind the request. {@code queues}
 * null means every queue; otherwise lead-level data of other queues is invisible to this caller.
 */
public record Caller(String id, String label, Set<Scope> scopes, Set<String> queues, RateLimiter.Limit limit) {

    /** Work done by the service itself (schedulers), outside any request. */
    public static final Caller SYSTEM = new Caller("system", "system", Set.of(Scope.ADMIN), null, null);

    public boolean has(Scope scope) {
        return scopes.contains(scope) || scopes.contains(Scope.ADMIN);
    }

    public boolean limitedToQueues() {
        return queues != null;
    }

    /** Whether lead-level data of this queue is visible; leads in no queue are visible to unlimited keys only. */
    public boolean canSee(String queueId) {
        return queues == null || queueId != null && queues.contains(queueId);
    }

    /** 404, not 403, when the caller may not see the lead: ids of other queues must not leak. */
    public void requireVisible(String queueId, String what, String id) {
        if (!canSee(queueId)) {
            throw ProblemException.notFound(what, id);
        }
    }
}
