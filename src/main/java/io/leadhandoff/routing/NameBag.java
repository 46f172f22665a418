package io.leadhandoff.routing;

/**
 * A name's characters counted in sixteen buckets of eight bits (two longs), and the bound they give on Jaro–Winkler:
 * two names can have no more characters in common (Jaro's matches) than the sum over buckets of the smaller count, so
 * the bound rules a name out with a few shifts instead of the comparison itself. Never rules out a name that could reach
 * the similarity asked for: a bucket holding several characters only overcounts. Pure.
 */
final class NameBag {

    private NameBag() {
    }

    /** Counts of the buckets 0–7 (a byte each; names are far shorter than 255 characters of one bucket). */
    static long low(String key) {
        return counts(key, 0);
    }

    /** Counts of the buckets 8–15. */
    static long high(String key) {
        return counts(key, 8);
    }

    private static long counts(String key, int first) {
        long bag = 0;
        for (int i = 0; i < key.length(); i++) {
            int bucket = key.charAt(i) & 15;
            if (bucket >= first && bucket < first + 8) {
                int shift = 8 * (bucket - first);
                if (((bag >>> shift) & 0xFF) < 0xFF) {
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
        for (int shift = 0; shift < 64 && (a >>> shift) != 0 && (b >>> shift) != 0; shift += 8) {
            sum += Math.min((int) (a >>> shift) & 0xFF, (int) (b >>> shift) & 0xFF);
        }
        return sum;
    }

    /**
     * The highest Jaro–Winkler similarity two names of these lengths with at most {@code common} characters in common and
     * a shared beginning of {@code prefix} characters can have (as Apache Commons Text computes it: Jaro from the
     * matches, plus 0.1 per shared leading character, at most four, of what Jaro leaves, once Jaro reaches 0.7).
     */
    static double jaroWinklerBound(int lengthA, int lengthB, int common, int prefix) {
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
