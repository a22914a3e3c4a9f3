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

        /** How long delivered and failed deliveries are kept (for the business's page and support) before purging. */
        @WithDefault("30d")
        java.time.Duration keepFinished();

        /** How often finished deliveries and old rate-limit windows are deleted ("off" in tests, which purge by hand). */
        @WithDefault("1h")
        String purgeEvery();

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

    /** Per API key, across all replicas: requests in each one-minute window (ApiRateLimiter). */
    interface RateLimit {

        /** Requests a key may make in one calendar minute; the next one is answered 429 with Retry-After. */
        @WithDefault("120")
        int perMinute();
    }
}
