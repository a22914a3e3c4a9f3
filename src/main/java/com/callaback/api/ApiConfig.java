package com.callaback.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The JSON API's limits. */
@ConfigMapping(prefix = "callaback.api")
public interface ApiConfig {

    RateLimit rateLimit();

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
