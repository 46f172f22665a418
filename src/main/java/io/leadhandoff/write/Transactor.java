package io.leadhandoff.write;

import io.leadhandoff.common.Deadline;
import java.util.function.Supplier;

/** Runs work in a transaction of its own under a deadline ({@link TransactionRunner} in the application). */
@FunctionalInterface
public interface Transactor {

    /**
     * @param rerunIsSafe the work detects an earlier committed run itself, so it may be run again even when a
     *                    commit's outcome is unknown
     */
    <T> T call(Deadline deadline, Supplier<T> work, boolean rerunIsSafe);
}
