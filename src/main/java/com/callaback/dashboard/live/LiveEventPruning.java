package com.callaback.dashboard.live;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.scheduler.Scheduled;

/** Deletes live events older than the retention: a browser away longer reloads its page rather than resuming. */
@ApplicationScoped
public class LiveEventPruning {

    @Inject
    LiveEventLog log;
    @Inject
    LiveConfig config;

    @Scheduled(identity = "live-event-pruning", every = "${callaback.live.prune-every:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void prune() {
        log.prune((int) config.retention().toSeconds());
    }
}
