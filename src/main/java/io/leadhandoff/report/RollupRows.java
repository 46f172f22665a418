package io.leadhandoff.report;

/** The rows the report aggregates are read as, from the per-day tables or straight from the leads. */
final class RollupRows {

    private RollupRows() {
    }

    /** A group's counts. */
    record Counts(String group, GroupCounts counts) {
    }

    /** How many leads of a group took a duration in this bucket, for one duration metric. */
    record Duration(String metric, String group, int bucket, long n) {
    }

    /** How many leads of a group were rejected for this reason. */
    record Reason(String group, String reason, long n) {
    }

    /**
     * Labelled leads of one model version, score band, grade, label (1 accepted, 0 rejected) and
     * conversion: how many, and the sums of the probability the model gave and of its square.
     */
    record Calibration(int version, int band, String grade, int label, int converted, long n, double sumP, double sumP2) {
    }

    /** Labelled leads of one model version in a 1 % probability bucket. */
    record Probability(int version, int bucket, int label, long n) {
    }
}
