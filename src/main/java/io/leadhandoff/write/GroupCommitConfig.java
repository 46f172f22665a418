package io.leadhandoff.write;

import io.smallrye.config.WithDefault;

/** Group commit of single-lead intake and of feedback: {@code lead-handoff.group-commit.*} of the configuration tree. */
public interface GroupCommitConfig {

    /** Requests written per transaction at most; 1 turns grouping off. */
    @WithDefault("64")
    int size();

    /** Concurrent group transactions per replica, for intake and for feedback each. */
    @WithDefault("2")
    int writers();
}
