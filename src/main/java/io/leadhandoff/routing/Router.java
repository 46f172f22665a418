package io.leadhandoff.routing;

import io.leadhandoff.condition.CompiledCondition;
import io.leadhandoff.condition.Facts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides where a scored lead goes: disqualified below the minimum score; else to the owner of its
 * account (see {@link AccountMatcher}) when that rep can take it, or to the account's queue when it has no owner; else the first matching rule's queue; else the default queue;
 * then a rep by the queue's assignment mode, overflowing when nobody is eligible. Pure.
 */
public final class Router {

    static final int MAX_OVERFLOW_HOPS = 3;

    private Router() {
    }

    /** A checked rule set. */
    public record CompiledRuleSet(int version, int minScore, String defaultQueueId, List<CompiledRoute> rules) {
    }

    public record CompiledRoute(String name, CompiledCondition when, String queueId, String reason) {
    }

    /**
     * A queue and its members as routing needs them; {@code open} whether its schedule is working time now, and
     * {@code hours} in words when it has a schedule (null otherwise).
     */
    public record QueueState(String id, boolean active, AssignmentMode mode, Integer minScore, String overflowQueueId,
                             double virtualTime, List<Assigner.Member> members, boolean open, String hours) {
    }

    /**
     * What account matching found for the lead: the matched account (null when none or ambiguous), the owner and queue
     * that take its leads (its own, or its parent's), and the explanation the decision carries.
     */
    public record AccountMatch(String accountId, String ownerRepId, String queueId, AccountMatchView view) {
    }

    /** The decision plus the fairness state to store (when a rep was picked). */
    public record Outcome(RoutingDecision decision, String pickedQueueId, Optional<Assigner.Pick> pick) {
    }

    public static Outcome route(CompiledRuleSet rules, Facts facts, int scoreTotal, AccountMatch account,
                                Function<String, QueueState> queues, Instant now, String tieSeed) {
        List<RoutingDecision.Step> trace = new ArrayList<>();
        if (scoreTotal < rules.minScore()) {
            trace.add(new RoutingDecision.Step("minScore", null, "below",
                    "total score " + scoreTotal + " is below the minimum " + rules.minScore(), null));
            return new Outcome(new RoutingDecision("disqualified", null, null, "minScore", null, rules.version(), trace), null, Optional.empty());
        }
        trace.add(new RoutingDecision.Step("minScore", null, "passed",
                "total score " + scoreTotal + " is at least " + rules.minScore(), null));

        if (account != null && account.accountId() == null && "ambiguous".equals(account.view().matchedBy())) {
            trace.add(ambiguous(account.view()));
        } else if (account != null && account.accountId() != null) {
            Outcome byAccount = toAccountOwner(rules, account, queues, now, tieSeed, trace);
            if (byAccount != null) {
                return byAccount;
            }
        }

        for (CompiledRoute rule : rules.rules()) {
            if (!rule.when().test(facts)) {
                trace.add(new RoutingDecision.Step("rule", rule.name(), "no match", rule.reason(), null));
                continue;
            }
            QueueState queue = queues.apply(rule.queueId());
            if (queue == null || !queue.active()) {
                trace.add(new RoutingDecision.Step("rule", rule.name(), "skipped", "matched, but queue " + rule.queueId() + " is not active", null));
                continue;
            }
            if (queue.minScore() != null && scoreTotal < queue.minScore()) {
                trace.add(new RoutingDecision.Step("rule", rule.name(), "skipped",
                        "matched, but queue " + queue.id() + " takes scores of at least " + queue.minScore(), null));
                continue;
            }
            trace.add(new RoutingDecision.Step("rule", rule.name(), "matched", rule.reason(), null));
            return assign(rules, queue, "rule", rule.name(), queues, now, tieSeed, trace);
        }
        QueueState fallback = queues.apply(rules.defaultQueueId());
        trace.add(new RoutingDecision.Step("default", rules.defaultQueueId(), "used", "no rule matched", null));
        if (fallback == null) {
            return new Outcome(new RoutingDecision("queued", rules.defaultQueueId(), null, "default", null, rules.version(), trace),
                    null, Optional.empty());
        }
        return assign(rules, fallback, "default", null, queues, now, tieSeed, trace);
    }

    private static RoutingDecision.Step ambiguous(AccountMatchView view) {
        StringBuilder why = new StringBuilder("company name is as close to ");
        for (int i = 0; i < view.candidates().size(); i++) {
            AccountMatchView.Candidate c = view.candidates().get(i);
            why.append(i == 0 ? "" : " as to ").append(c.name()).append(" (").append(c.id()).append(", ").append(c.similarity()).append(')');
        }
        return new RoutingDecision.Step("account", null, "ambiguous", why + "; matched to none, trying the rules", null);
    }

    private static Outcome toAccountOwner(CompiledRuleSet rules, AccountMatch account, Function<String, QueueState> queues,
                                          Instant now, String tieSeed, List<RoutingDecision.Step> trace) {
        AccountMatchView view = account.view();
        String how = "matched by " + ("parent".equals(view.matchedBy()) ? view.foundBy() + ", owned through parent " + view.ownerAccountId()
                : view.matchedBy()) + (view.similarity() != null && view.similarity() < 1 ? " (similarity " + view.similarity() + ")" : "");
        String queueId = account.queueId() != null ? account.queueId() : rules.defaultQueueId();
        QueueState queue = queues.apply(queueId);
        if (account.ownerRepId() == null) {
            if (account.queueId() == null || queue == null || !queue.active()) {
                trace.add(new RoutingDecision.Step("account", account.accountId(), "no owner",
                        how + "; neither the account nor its parents have an owner or an active queue; trying the rules", null));
                return null;
            }
            trace.add(new RoutingDecision.Step("account", account.accountId(), "matched", how + "; no owner: to the account's queue " + queueId, null));
            return assign(rules, queue, "account", null, queues, now, tieSeed, trace);
        }
        Assigner.Member owner = queue == null ? null
                : queue.members().stream().filter(m -> m.repId().equals(account.ownerRepId())).findFirst().orElse(null);
        String why;
        if (queue == null || !queue.active()) {
            why = "queue " + queueId + " is not active";
        } else if (owner == null) {
            why = "owner " + account.ownerRepId() + " is not a member of queue " + queueId;
        } else {
            why = Assigner.ineligibility(owner, now, null);
        }
        if (why != null) {
            trace.add(new RoutingDecision.Step("account", account.accountId(), "owner not eligible", how + "; " + why + "; trying the rules", null));
            return null;
        }
        trace.add(new RoutingDecision.Step("account", account.accountId(), "matched",
                how + "; account owned by " + owner.repId() + " in queue " + queueId, null));
        return new Outcome(new RoutingDecision("queued", queueId, owner.repId(), "account", null, rules.version(), trace),
                queueId, Optional.of(new Assigner.Pick(owner.repId(), owner.pointer(), queue.virtualTime(), "account owner")));
    }

    private static Outcome assign(CompiledRuleSet rules, QueueState queue, String via, String ruleName,
                                  Function<String, QueueState> queues, Instant now, String tieSeed, List<RoutingDecision.Step> trace) {
        QueueState current = queue;
        for (int hop = 0; ; hop++) {
            Assigner.Result result = Assigner.pick(current.mode(), current.virtualTime(), current.members(), now, null, tieSeed);
            if (result.pick().isPresent()) {
                Assigner.Pick pick = result.pick().get();
                trace.add(new RoutingDecision.Step("assignment", current.id(), "assigned to " + pick.repId(), pick.reason(), result.candidates()));
                return new Outcome(new RoutingDecision("queued", current.id(), pick.repId(), hop == 0 ? via : "overflow", ruleName,
                        rules.version(), trace), current.id(), Optional.of(pick));
            }
            if (current.mode() == AssignmentMode.PULL) {
                trace.add(new RoutingDecision.Step("assignment", current.id(), "waiting for a claim", "pull queue: any member claims", result.candidates()));
                break;
            }
            QueueState overflow = current.overflowQueueId() == null || hop >= MAX_OVERFLOW_HOPS ? null : queues.apply(current.overflowQueueId());
            if (overflow == null || !overflow.active() || !overflow.open()) {
                String why = current.overflowQueueId() == null ? " and there is no overflow queue"
                        : overflow != null && overflow.active() && !overflow.open() ? "; overflow queue " + overflow.id() + " is " + overflow.hours()
                        : "; overflow unavailable";
                trace.add(new RoutingDecision.Step("assignment", current.id(), "waiting unassigned", "no member is eligible" + why,
                        result.candidates()));
                break;
            }
            trace.add(new RoutingDecision.Step("overflow", current.id(), "to " + overflow.id(),
                    "no member is eligible" + (overflow.hours() == null ? "" : "; overflow queue " + overflow.id() + " is " + overflow.hours()),
                    result.candidates()));
            current = overflow;
        }
        return new Outcome(new RoutingDecision("queued", current.id(), null, current == queue ? via : "overflow", ruleName,
                rules.version(), trace), current.id(), Optional.empty());
    }
}
