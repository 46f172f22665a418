package io.leadhandoff.work;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ClaimSpreadTest {

    private static final List<Integer> TEN = IntStream.range(0, 10).boxed().toList();

    @Test
    void aSpreadOfOneReadsExactlyTheClaimedCount() {
        assertThat(ClaimSpread.candidates(5, 1)).isEqualTo(5);
        assertThat(ClaimSpread.candidates(5, 0)).isEqualTo(5);
        assertThat(ClaimSpread.candidates(5, 8)).isEqualTo(40);
        assertThat(ClaimSpread.candidates(500, 8)).isEqualTo(1_000);
    }

    @Test
    void takesEveryCandidateWhenThereAreNoMore() {
        assertThat(ClaimSpread.pick(TEN, 10, new Random(1))).isEqualTo(TEN);
        assertThat(ClaimSpread.pick(TEN.subList(0, 3), 5, new Random(1))).containsExactly(0, 1, 2);
    }

    @Test
    void picksTheCountFromTheCandidatesInTheirOrder() {
        Random random = new Random(7);
        for (int run = 0; run < 1_000; run++) {
            List<Integer> picked = ClaimSpread.pick(TEN, 3, random);
            assertThat(picked).hasSize(3).doesNotHaveDuplicates().isSorted();
            assertThat(TEN).containsAll(picked);
        }
    }

    @Test
    void everyCandidateGetsPickedAndTheBestIsNotAlwaysFirst() {
        Random random = new Random(11);
        Set<Integer> seen = new HashSet<>();
        int bestTaken = 0;
        for (int run = 0; run < 1_000; run++) {
            List<Integer> picked = ClaimSpread.pick(TEN, 1, random);
            seen.addAll(picked);
            bestTaken += picked.get(0) == 0 ? 1 : 0;
        }
        assertThat(seen).isEqualTo(new HashSet<>(TEN));
        // uniform: about 100 of 1,000 single picks are the best candidate
        assertThat(bestTaken).isBetween(50, 160);
    }
}
