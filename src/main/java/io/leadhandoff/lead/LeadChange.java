package io.leadhandoff.lead;

import io.leadhandoff.routing.RoutingDecision;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one transition of a {@link Lead} did, as the lead's own methods return it: the timeline ({@link LeadHistory})
 * and through it the change feed and the report rollups read these. (A {@link LeadEvent} is the stored row.)
 */
public sealed interface LeadChange {

    /** The timeline's event type, e.g. {@code lead.claimed}. */
    String type();

    /** Who or what caused it. */
    String actor();

    /** The event's details, in the order the timeline shows them. */
    Map<String, Object> detail();

    /** Routing's decision taken: disqualified, or queued (see {@link RoutingDecision}). */
    record Routed(RoutingDecision decision) implements LeadChange {
        public String type() {
            return "lead.routed";
        }

        public String actor() {
            return "routing";
        }

        public Map<String, Object> detail() {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("outcome", decision.outcome());
            if (!"disqualified".equals(decision.outcome())) {
                detail.put("queueId", decision.queueId());
                if (decision.repId() != null) {
                    detail.put("repId", decision.repId());
                }
                detail.put("via", decision.via());
                if (decision.rule() != null) {
                    detail.put("rule", decision.rule());
                }
            }
            return detail;
        }
    }

    record Claimed(String queueId, String repId, Instant leaseExpiresAt, Long waitedSeconds) implements LeadChange {
        public String type() {
            return "lead.claimed";
        }

        public String actor() {
            return repId;
        }

        public Map<String, Object> detail() {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("queueId", queueId);
            detail.put("repId", repId);
            detail.put("leaseExpiresAt", leaseExpiresAt.toString());
            detail.put("waitedSeconds", waitedSeconds);
            return detail;
        }
    }

    record LeaseExtended(String repId, Instant leaseExpiresAt) implements LeadChange {
        public String type() {
            return "lead.lease_extended";
        }

        public String actor() {
            return repId;
        }

        public Map<String, Object> detail() {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("leaseExpiresAt", leaseExpiresAt.toString());
            return detail;
        }
    }

    record Released(String repId) implements LeadChange {
        public String type() {
            return "lead.released";
        }

        public String actor() {
            return repId;
        }

        public Map<String, Object> detail() {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("repId", repId);
            return detail;
        }
    }

    record LeaseExpired(String repId, Instant leaseExpiredAt) implements LeadChange {
        public String type() {
            return "lead.lease_expired";
        }

        public String actor() {
            return repId;
        }

        public Map<String, Object> detail() {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("repId", repId);
            detail.put("leaseExpiredAt", leaseExpiredAt.toString());
            return detail;
        }
    }

    /** Sales' verdict: {@code verdict} is the status it moved the lead to (the outcome of the same name). */
    record Judged(LeadStatus verdict, LeadStatus from, String reason, BigDecimal amount, String repId) implements LeadChange {
        public String type() {
            return "lead.feedback";
        }

        public String actor() {
            return repId == null ? "sales" : repId;
        }

        public Map<String, Object> detail() {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("outcome", verdict.name());
            detail.put("from", from.wire());
            if (reason != null) {
                detail.put("reason", reason);
            }
            if (amount != null) {
                detail.put("amount", amount);
            }
            return detail;
        }
    }

    record SlaBreached(String queueId, String repId, Instant dueAt) implements LeadChange {
        public String type() {
            return "lead.sla_breached";
        }

        public String actor() {
            return repId == null ? "queue" : repId;
        }

        public Map<String, Object> detail() {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("queueId", queueId);
            detail.put("repId", repId);
            detail.put("dueAt", dueAt.toString());
            return detail;
        }
    }

    /** After a breach: moved to another rep or queue, or stayed where it was when there was nobody to take it. */
    record Escalated(String fromQueueId, String fromRepId, boolean moved, String toQueueId, String toRepId) implements LeadChange {
        public String type() {
            return "lead.escalated";
        }

        public String actor() {
            return "sla";
        }

        public Map<String, Object> detail() {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("fromQueueId", fromQueueId);
            detail.put("fromRepId", fromRepId);
            if (moved) {
                detail.put("toQueueId", toQueueId);
                detail.put("toRepId", toRepId);
            } else {
                detail.put("outcome", "nobody to escalate to; the breach stays recorded");
            }
            return detail;
        }
    }

    record Erased(String actor) implements LeadChange {
        public String type() {
            return "lead.erased";
        }

        public Map<String, Object> detail() {
            return Map.of();
        }
    }
}
