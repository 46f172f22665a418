package io.leadhandoff.work;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Which of the best ready leads a claim tries first. With a spread of 1 it is the best {@code count}; with a
 * spread of k it is a random {@code count} of the best {@code k × count}, still in their order. On Galera a row lock
 * is local to one node, so claimers on different nodes that all reach for the very best leads collide at commit;
 * spread over the top candidates they rarely pick the same lead.
 */
final class ClaimSpread {

    private ClaimSpread() {
    }

    /** How many candidates to read for a claim of {@code count} leads. */
    static int candidates(int count, int spread) {
        return (int) Math.min(1_000L, (long) count * Math.max(1, spread));
    }

    /** {@code count} of the candidates chosen at random, in candidate order; all of them when there are no more. */
    static <T> List<T> pick(List<T> candidates, int count, RandomGenerator random) {
        if (candidates.size() <= count) {
            return candidates;
        }
        // selection sampling (Knuth's algorithm S): every subset of the size is equally likely, order is kept
        List<T> chosen = new ArrayList<>(count);
        int left = candidates.size();
        for (T candidate : candidates) {
            if (random.nextInt(left) < count - chosen.size()) {
                chosen.add(candidate);
                if (chosen.size() == count) {
                    break;
                }
            }
            left--;
        }
        return chosen;
    }
}
