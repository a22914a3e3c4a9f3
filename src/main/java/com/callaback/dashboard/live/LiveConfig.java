package com.callaback.dashboard.live;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Live updates of open pages (server-sent events). */
@ConfigMapping(prefix = "callaback.live")
public interface LiveConfig {

    /** How often an idle stream sends a comment, so proxies and load balancers keep the connection open. */
    @WithDefault("15s")
    Duration heartbeat();

    /** How often a replica re-reads the tenants it streams for, in case it missed an announcement. */
    @WithDefault("15s")
    Duration sweep();

    /** How soon a tenant is read again while an announced event still waits for an older transaction to end. */
    @WithDefault("200ms")
    Duration retry();

    /** How long events are kept for browsers that reconnect. */
    @WithDefault("6h")
    Duration retention();

    /** How often old events are deleted (read by {@code @Scheduled}; "off" in tests, which prune by hand). */
    @WithDefault("1h")
    String pruneEvery();

    /**
     * How long one stream lasts before it is ended: the browser reconnects at once from its last event, and the
     * reconnect is signed in and admitted to the business again, so a person removed from the team or whose
     * session ended stops receiving within this time.
     */
    @WithDefault("15m")
    Duration maxLife();

    /** The most events read for one tenant at a time. */
    @WithDefault("500")
    int batch();
}
