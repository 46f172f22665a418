package io.leadhandoff.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Picks the rep for a lead within a queue. Pure: the caller loads the state and stores the result.
 *
 * <p>Round-robin is start-time fair queuing: each rep has a pointer; a rep's start tag is
 * max(pointer, queue virtual time); the lowest start tag wins and its pointer becomes start + 1/weight.
 * Over time reps receive leads in proportion to their weights, and a rep returning from time away
 * starts at the queue's current virtual time instead of being flooded to "catch up".
 */
public final class Assigner {

    private Assigner() {
    }

    /**
     * A member as the assigner sees it. {@code assignedToday} is already reset for a new UTC day; {@code status} is
     * away while an out-of-office period (ending {@code awayUntil}, null for open-ended) covers now; {@code onShift}
     * tells whether the rep's schedule is open now and {@code shift} says so in words (null without a schedule).
     */
    public record Member(String repId, int weight, MemberStatus status, Instant awayUntil, Integer maxOpen,
                         Integer maxPerDay, int openCount, int assignedToday, double pointer, Instant lastAssignedAt,
                         boolean onShift, String shift) {

        /** A member without a schedule: always on shift. */
        public Member(String repId, int weight, MemberStatus status, Instant awayUntil, Integer maxOpen,
                      Integer maxPerDay, int openCount, int assignedToday, double pointer, Instant lastAssignedAt) {
            this(repId, weight, status, awayUntil, maxOpen, maxPerDay, openCount, assignedToday, pointer, lastAssignedAt, true, null);
        }
    }

    /** Why a member could or could not take the lead. */
    public record Eligibility(String repId, boolean eligible, String reason) {
    }

    /** The chosen rep and the new fairness state to store. */
    public record Pick(String repId, double newPointer, double newVirtualTime, String reason) {
    }

    public record Result(Optional<Pick> pick, List<Eligibility> candidates) {
    }

    public static Result pick(AssignmentMode mode, double virtualTime, List<Member> members, Instant now,
                              String excludeRep, String tieSeed) {
        List<Eligibility> candidates = new ArrayList<>();
        List<Member> eligible = new ArrayList<>();
        for (Member m : members) {
            String why = ineligibility(m, now, excludeRep);
            candidates.add(new Eligibility(m.repId(), why == null, why != null ? why : m.shift() == null ? "eligible" : "eligible: " + m.shift()));
            if (why == null) {
                eligible.add(m);
            }
        }
        if (mode == AssignmentMode.PULL || eligible.isEmpty()) {
            return new Result(Optional.empty(), candidates);
        }
        Comparator<Member> fairTieBreak = Comparator
                .comparing(Member::lastAssignedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparingInt(m -> Integer.reverse((tieSeed + m.repId()).hashCode()));
        if (mode == AssignmentMode.ROUND_ROBIN) {
            Member best = eligible.stream()
                    .min(Comparator.comparingDouble((Member m) -> Math.max(m.pointer(), virtualTime)).thenComparing(fairTieBreak))
                    .orElseThrow();
            double start = Math.max(best.pointer(), virtualTime);
            return new Result(Optional.of(new Pick(best.repId(), start + 1.0 / best.weight(), start,
                    "round-robin: lowest pointer among eligible reps (weight " + best.weight() + ")")), candidates);
        }
        Member best = eligible.stream()
                .min(Comparator.comparingDouble(Assigner::load).thenComparing(fairTieBreak))
                .orElseThrow();
        return new Result(Optional.of(new Pick(best.repId(), best.pointer(), virtualTime,
                "load-balanced: fewest open leads relative to capacity (" + best.openCount() + " open)")), candidates);
    }

    private static double load(Member m) {
        return m.maxOpen() != null && m.maxOpen() > 0 ? (double) m.openCount() / m.maxOpen() : (double) m.openCount() / m.weight();
    }

    /** Null when the member can take a lead now, otherwise why not. */
    static String ineligibility(Member m, Instant now, String excludeRep) {
        if (m.repId().equals(excludeRep)) {
            return "already had this lead";
        }
        if (m.status() == MemberStatus.PAUSED) {
            return "paused";
        }
        if (m.status() == MemberStatus.AWAY && (m.awayUntil() == null || m.awayUntil().isAfter(now))) {
            return m.awayUntil() == null ? "away" : "away until " + m.awayUntil();
        }
        if (!m.onShift()) {
            return m.shift() == null ? "off shift" : m.shift();
        }
        if (m.maxOpen() != null && m.openCount() >= m.maxOpen()) {
            return "at capacity: " + m.openCount() + " of " + m.maxOpen() + " open leads";
        }
        if (m.maxPerDay() != null && m.assignedToday() >= m.maxPerDay()) {
            return "at daily capacity: " + m.assignedToday() + " of " + m.maxPerDay() + " today";
        }
        return null;
    }
}
