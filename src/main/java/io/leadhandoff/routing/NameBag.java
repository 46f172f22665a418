package io.leadhandoff.routing;

/**
 * A name's characters counted in 32 buckets of four bits (two longs), and the bound they give on Jaro–Winkler: two names
 * can have no more characters in common (Jaro's matches) than the sum over buckets of the smaller count, so the bound
 * rules a name out with a few shifts instead of the comparison itself. The buckets are the low five bits of a character,
 * so the 26 Latin letters each have their own. Never rules out a name that could reach the similarity asked for: a
 * bucket holding several characters only overcounts, and a bucket full in both names (15, a count that saturated)
 * counts as all their characters in common. Pure.
 */
final class NameBag {

    private static final int FULL = 15;

    private NameBag() {
    }

    /** Counts of the buckets 0–15 (four bits each, saturating at 15). */
    static long low(String key) {
        return counts(key, 0);
    }

    /** Counts of the buckets 16–31. */
    static long high(String key) {
        return counts(key, 16);
    }

    private static long counts(String key, int first) {
        long bag = 0;
        for (int i = 0; i < key.length(); i++) {
            int bucket = key.charAt(i) & 31;
            if (bucket >= first && bucket < first + 16) {
                int shift = 4 * (bucket - first);
                if (((bag >>> shift) & FULL) < FULL) {
                    bag += 1L << shift;
                }
            }
        }
        return bag;
    }

    /** At least as many as the characters two names have in common, from their bags. */
    static int common(long lowA, long highA, long lowB, long highB) {
        return minSum(lowA, lowB) + minSum(highA, highB);
    }

    private static int minSum(long a, long b) {
        int sum = 0;
        for (int shift = 0; shift < 64 && (a >>> shift) != 0 && (b >>> shift) != 0; shift += 4) {
            int x = (int) (a >>> shift) & FULL;
            int y = (int) (b >>> shift) & FULL;
            // both saturated: the true counts are unknown; count the bucket as unbounded (the lengths cap the total)
            sum += x == FULL && y == FULL ? 1 << 16 : Math.min(x, y);
        }
        return sum;
    }

    /**
     * The highest Jaro–Winkler similarity two names of these lengths with at most {@code common} characters in common and
     * a shared beginning of {@code prefix} characters can have (as Apache Commons Text computes it: Jaro from the
     * matches, plus 0.1 per shared leading character, at most four, of what Jaro leaves, once Jaro reaches 0.7).
     */
    static double jaroWinklerBound(int lengthA, int lengthB, int common, int prefix) {
        if (lengthA == 0 || lengthB == 0) {
            return lengthA == lengthB ? 1 : 0; // two empty names are equal (similarity 1); one empty name matches nothing
        }
        int m = Math.min(common, Math.min(lengthA, lengthB));
        if (m == 0) {
            return 0;
        }
        double jaro = ((double) m / lengthA + (double) m / lengthB + 1) / 3;
        return jaro < 0.7 ? jaro : jaro + 0.1 * Math.min(prefix, 4) * (1 - jaro);
    }

    /** Characters {@code a} and {@code b} share at their start, up to four. */
    static int prefix(String a, String b) {
        int n = Math.min(4, Math.min(a.length(), b.length()));
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }

    static int words(String key) {
        int n = 1;
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) == ' ') {
                n++;
            }
        }
        return n;
    }
}
