package io.leadhandoff.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AssignerTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    private static Assigner.Member member(String id, int weight) {
        return new Assigner.Member(id, weight, MemberStatus.ACTIVE, null, null, null, 0, 0, 0, null);
    }

    /** Runs n round-robin assignments, storing pointers as the service does; returns counts per rep. */
    private static Map<String, Integer> simulate(List<Assigner.Member> start, int n, AssignmentMode mode) {
        Map<String, Assigner.Member> members = new java.util.LinkedHashMap<>();
        start.forEach(m -> members.put(m.repId(), m));
        Map<String, Integer> counts = new HashMap<>();
        double virtualTime = 0;
        for (int i = 0; i < n; i++) {
            Assigner.Pick pick = Assigner.pick(mode, virtualTime, new ArrayList<>(members.values()), NOW.plusSeconds(i), null, "lead-" + i)
                    .pick().orElseThrow();
            virtualTime = pick.newVirtualTime();
            Assigner.Member m = members.get(pick.repId());
            members.put(m.repId(), new Assigner.Member(m.repId(), m.weight(), m.status(), m.awayUntil(), m.maxOpen(), m.maxPerDay(),
                    m.openCount() + 1, m.assignedToday(), pick.newPointer(), NOW.plusSeconds(i)));
            counts.merge(pick.repId(), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void roundRobinFollowsTheWeightsWithinOnePercentOverTenThousandLeads() {
        Map<String, Integer> counts = simulate(List.of(member("a", 2), member("b", 1), member("c", 1)), 10_000, AssignmentMode.ROUND_ROBIN);
        assertThat(counts.get("a") / 10_000.0).isCloseTo(0.50, org.assertj.core.data.Offset.offset(0.01));
        assertThat(counts.get("b") / 10_000.0).isCloseTo(0.25, org.assertj.core.data.Offset.offset(0.01));
        assertThat(counts.get("c") / 10_000.0).isCloseTo(0.25, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void equalWeightsShareEqually() {
        Map<String, Integer> counts = simulate(List.of(member("a", 1), member("b", 1), member("c", 1), member("d", 1)), 10_000, AssignmentMode.ROUND_ROBIN);
        counts.values().forEach(c -> assertThat(c).isEqualTo(2_500));
    }

    @Test
    void tiesAreNotBrokenByInsertionOrder() {
        Map<String, Integer> firsts = new HashMap<>();
        for (int i = 0; i < 400; i++) {
            String rep = Assigner.pick(AssignmentMode.ROUND_ROBIN, 0, List.of(member("a", 1), member("b", 1)), NOW, null, "lead-" + i)
                    .pick().orElseThrow().repId();
            firsts.merge(rep, 1, Integer::sum);
        }
        assertThat(firsts.get("a")).isBetween(120, 280);
        assertThat(firsts.get("b")).isBetween(120, 280);
    }

    @Test
    void aReturningRepIsNotFlooded() {
        // b was away while a took 100 leads; b's pointer is far behind the queue's virtual time
        Assigner.Member a = new Assigner.Member("a", 1, MemberStatus.ACTIVE, null, null, null, 0, 0, 100, NOW);
        Assigner.Member b = new Assigner.Member("b", 1, MemberStatus.ACTIVE, null, null, null, 0, 0, 0, NOW.minus(Duration.ofDays(7)));
        Map<String, Integer> counts = new HashMap<>();
        double vt = 99;
        List<Assigner.Member> members = new ArrayList<>(List.of(a, b));
        for (int i = 0; i < 10; i++) {
            Assigner.Pick pick = Assigner.pick(AssignmentMode.ROUND_ROBIN, vt, members, NOW, null, "x" + i).pick().orElseThrow();
            vt = pick.newVirtualTime();
            members.replaceAll(m -> m.repId().equals(pick.repId())
                    ? new Assigner.Member(m.repId(), m.weight(), m.status(), null, null, null, 0, 0, pick.newPointer(), NOW.plusSeconds(1)) : m);
            counts.merge(pick.repId(), 1, Integer::sum);
        }
        assertThat(counts.get("b")).isBetween(4, 6);
    }

    @Test
    void pausedAwayAndFullRepsGetNothing() {
        Assigner.Member paused = new Assigner.Member("paused", 5, MemberStatus.PAUSED, null, null, null, 0, 0, 0, null);
        Assigner.Member away = new Assigner.Member("away", 5, MemberStatus.AWAY, NOW.plus(Duration.ofHours(1)), null, null, 0, 0, 0, null);
        Assigner.Member full = new Assigner.Member("full", 5, MemberStatus.ACTIVE, null, 3, null, 3, 0, 0, null);
        Assigner.Member dayFull = new Assigner.Member("day-full", 5, MemberStatus.ACTIVE, null, null, 10, 0, 10, 0, null);
        Assigner.Member back = new Assigner.Member("back", 1, MemberStatus.AWAY, NOW.minus(Duration.ofMinutes(1)), null, null, 0, 0, 5, null);
        Assigner.Result result = Assigner.pick(AssignmentMode.ROUND_ROBIN, 0, List.of(paused, away, full, dayFull, back), NOW, null, "s");
        assertThat(result.pick().orElseThrow().repId()).isEqualTo("back");
        assertThat(result.candidates()).filteredOn(c -> !c.eligible()).extracting(Assigner.Eligibility::repId)
                .containsExactlyInAnyOrder("paused", "away", "full", "day-full");
        assertThat(Assigner.pick(AssignmentMode.ROUND_ROBIN, 0, List.of(paused, away, full), NOW, null, "s").pick()).isEmpty();
    }

    @Test
    void capacityIsNeverExceededOverManyAssignments() {
        List<Assigner.Member> start = List.of(
                new Assigner.Member("a", 3, MemberStatus.ACTIVE, null, 5, null, 0, 0, 0, null),
                new Assigner.Member("b", 1, MemberStatus.ACTIVE, null, 50, null, 0, 0, 0, null));
        Map<String, Integer> counts = simulate(start, 55, AssignmentMode.ROUND_ROBIN);
        assertThat(counts.get("a")).isEqualTo(5);
        assertThat(counts.get("b")).isEqualTo(50);
    }

    @Test
    void loadBalancedPicksTheLeastLoadedRelativeToCapacity() {
        Assigner.Member a = new Assigner.Member("a", 1, MemberStatus.ACTIVE, null, 10, null, 5, 0, 0, null);
        Assigner.Member b = new Assigner.Member("b", 1, MemberStatus.ACTIVE, null, 40, null, 10, 0, 0, null);
        assertThat(Assigner.pick(AssignmentMode.LOAD_BALANCED, 0, List.of(a, b), NOW, null, "s").pick().orElseThrow().repId()).isEqualTo("b");
    }

    @Test
    void pullQueuesAssignNobody() {
        assertThat(Assigner.pick(AssignmentMode.PULL, 0, List.of(member("a", 1)), NOW, null, "s").pick()).isEmpty();
    }
}
