package io.leadhandoff.security;

import io.leadhandoff.common.ProblemException;
import java.util.EnumSet;
import java.util.Set;

/**
 * Who is calling: the API key (or the configured bootstrap key) behind the request. {@code queues}
 * null means every queue; otherwise lead-level data of other queues is invisible to this caller.
 */
public record Caller(String id, String label, Set<Scope> scopes, Set<String> queues, RateLimiter.Limit limit) {

    /** Work done by the service itself (schedulers), outside any request. */
    public static final Caller SYSTEM = new Caller("system", "system", Set.of(Scope.ADMIN), null, null);

    /**
     * The scopes a queue limit can apply to. {@code leads:write} and {@code admin} act on every queue at
     * once (intake de-duplicates across all queues; configuration is global), so a queue-limited key
     * never exercises them, whatever it holds (README, "Security").
     */
    public static final Set<Scope> QUEUE_LIMITABLE = EnumSet.of(Scope.WORK, Scope.FEEDBACK_WRITE, Scope.LEADS_READ,
            Scope.REPORTS_READ, Scope.EVENTS_READ);

    /** Whether this caller may use {@code scope}: held (or implied by admin), and not made inert by a queue limit. */
    public boolean has(Scope scope) {
        if (queues != null && !QUEUE_LIMITABLE.contains(scope)) {
            return false;
        }
        return scopes.contains(scope) || scopes.contains(Scope.ADMIN);
    }

    /** Whether the key holds {@code scope} (or admin) but its queue limit keeps it from using it. */
    public boolean holdsButLimited(Scope scope) {
        return queues != null && !QUEUE_LIMITABLE.contains(scope) && (scopes.contains(scope) || scopes.contains(Scope.ADMIN));
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
