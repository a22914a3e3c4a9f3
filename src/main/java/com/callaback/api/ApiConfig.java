package com.callaback.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The JSON API's limits. */
@ConfigMapping(prefix = "callaback.api")
public interface ApiConfig {

    RateLimit rateLimit();

    /** Outgoing webhooks: the delivery job's schedule (as every job's) and what a business may register. */
    Webhooks webhooks();

    interface Webhooks extends com.callaback.jobs.JobsConfig.Job {

        /** Plain http and private or loopback addresses allowed as endpoints (tests and local development only). */
        @WithDefault("false")
        boolean allowInsecureUrls();

        /** How long one delivery may take before it counts as failed and is retried. */
        @WithDefault("10s")
        java.time.Duration timeout();

        /** Endpoints one business may register. */
        @WithDefault("5")
        int maxEndpoints();
    }

    /** Per API key and per replica: a bucket of {@code burst} requests, refilled at {@code per-minute}. */
    interface RateLimit {

        /** Requests a key may make per minute, sustained. */
        @WithDefault("120")
        int perMinute();

        /** Requests a key may make at once after a quiet spell. */
        @WithDefault("60")
        int burst();
    }
}
