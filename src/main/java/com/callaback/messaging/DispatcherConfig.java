package com.callaback.messaging;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the outbox workers run. */
@ConfigMapping(prefix = "callaback.dispatcher")
public interface DispatcherConfig {

    /** How often each replica looks for due texts ({@code off} disables the schedule, as in tests). */
    @WithDefault("2s")
    String every();

    /** How often finished messages get their price and segment count from Twilio ({@code off} disables). */
    @WithDefault("30s")
    String detailsEvery();

    /** Rows claimed per round. */
    @WithDefault("25")
    int batchSize();

    /** How long a claim lasts; a replica that dies mid-send releases its rows when it runs out. */
    @WithDefault("120s")
    Duration lease();

    /** How long after its last status a message is asked about its price (Twilio prices it shortly after). */
    @WithDefault("60s")
    Duration detailsDelay();
}
