package com.callaback.dashboard.alert;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How alerts outside the app (email, text to the forwarding phone) go out. */
@ConfigMapping(prefix = "callaback.alerts")
public interface AlertConfig {

    /**
     * How often each replica sends the alerts of new notifications ({@code off} disables the schedule, as in
     * tests). Everything that arrived for a person since the last round goes in one message.
     */
    @WithDefault("30s")
    String every();

    /** Notifications claimed per round, of all businesses together. */
    @WithDefault("200")
    int batchSize();

    /** How long a claim lasts before another replica may take over the notifications of one that died. */
    @WithDefault("120s")
    Duration lease();
}
