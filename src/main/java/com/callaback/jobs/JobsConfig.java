package com.callaback.jobs;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the background jobs run: one set of defaults, and a few per-job settings. */
@ConfigMapping(prefix = "callaback.jobs")
public interface JobsConfig {

    /** Rows one claim takes, of all businesses together (at most 1000, the claim functions' limit). */
    @WithDefault("200")
    int batchSize();

    /**
     * Batches one round claims at most while full batches keep coming back, so a round ends even under a
     * backlog that never empties; the next scheduled round goes on.
     */
    @WithDefault("25")
    int maxBatchesPerRound();

    /**
     * Calls out (to Twilio) in flight at once, for all jobs of this replica together: they are I/O, so a replica
     * sends at most this many texts per Twilio answer time (128 at Twilio's 100-300 ms: 400-1,300 a second). The
     * business's own subaccount takes its texts, and a sender number's pace keeps one business's share small.
     */
    @WithDefault("128")
    int concurrency();

    /**
     * Businesses whose rows are prepared or recorded at once. Each holds a database connection of the pool
     * ({@code DB_POOL_MAX}, 20) for a few milliseconds; the rest of the pool stays with the webhooks.
     */
    @WithDefault("6")
    int databaseConcurrency();

    /**
     * Businesses that share one transaction, for a job whose steps allow it: a business's statements are few
     * and quick, and a transaction of its own (begin, tenant, commit) would cost as much again.
     */
    @WithDefault("20")
    int businessesPerTransaction();

    /** How long a claim lasts; a replica that dies mid-call releases its rows when it runs out. */
    @WithDefault("120s")
    Duration lease();

    /**
     * On shutdown (SIGTERM), how long the rounds under way may take to finish: no new batch is claimed, texts not
     * yet handed to Twilio go back to the queue, and the calls in flight are recorded. Keep it within the
     * orchestrator's grace period (Kubernetes: 30 s) less the HTTP server's ({@code quarkus.shutdown.timeout}).
     */
    @WithDefault("15s")
    Duration shutdownGrace();

    /** Sends due texts. */
    Job outbox();

    /** Fetches price and segment count of finished texts. */
    Job messageDetails();

    /** Sets businesses up on Twilio, and closes them. */
    Job provisioning();

    /** Sends the alerts of new notifications outside the app (mail, text). */
    Job alerts();

    /** One job's schedule and what it sets apart from the defaults above. */
    interface Job {

        /** How often each replica runs a round ({@code off} disables the schedule, as in tests). */
        String every();

        /** Rows per claim, instead of {@code callaback.jobs.batch-size}. */
        Optional<Integer> batchSize();

        /** Claim length, instead of {@code callaback.jobs.lease}. */
        Optional<Duration> lease();
    }
}
