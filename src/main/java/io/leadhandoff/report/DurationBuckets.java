package io.leadhandoff.report;

/** Log-scale buckets of durations in seconds: exact below 100 s, then one bucket per 5 % growth. */
final class DurationBuckets {

    /** Durations below this many seconds are kept exactly; above, in buckets 5 % wide. */
    static final int EXACT_BELOW = 100;
    static final double GROWTH = 1.05;

    private DurationBuckets() {
    }

    /** The SQL bucket of the duration from column {@code start} to column {@code end}, never below 0. */
    static String sql(String start, String end) {
        String d = "greatest(timestampdiff(SECOND, " + start + ", " + end + "), 0)";
        return "case when " + d + " < " + EXACT_BELOW + " then " + d + " else " + EXACT_BELOW + " + floor(ln(" + d + " / "
                + EXACT_BELOW + ".0) / ln(" + GROWTH + ")) end";
    }

    /** The value a bucket stands for: the second itself, or the geometric middle of the bucket. */
    static long representative(int bucket) {
        if (bucket < EXACT_BELOW) {
            return bucket;
        }
        return Math.round(EXACT_BELOW * Math.pow(GROWTH, bucket - EXACT_BELOW + 0.5));
    }
}
