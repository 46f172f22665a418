package io.leadhandoff.event;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Keeps the feed fresh on every replica (only the replica holding the sequencer lease sequences) and applies its retention. */
@ApplicationScoped
public class EventJobs {

    private final EventFeedService feed;

    public EventJobs(EventFeedService feed) {
        this.feed = feed;
    }

    @Scheduled(every = "${lead-handoff.events.sequence-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sequence() {
        feed.sequenceIfLeader();
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void purge() {
        feed.purge();
    }
}
