package com.callaback.simulator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The built-in stand-in for Twilio, for running the product with no accounts. */
@ConfigMapping(prefix = "callaback.simulator")
public interface SimulatorConfig {

    /**
     * Serve the simulator (a fake Twilio REST API and the simulator page). On in dev mode; off in production
     * unless set explicitly ({@code CALLABACK_SIMULATOR_ENABLED=true}) for a demo. With it on and no Twilio master
     * credentials, every Twilio call goes to the simulator.
     */
    @WithDefault("false")
    boolean enabled();

    /** Where the app reaches its own simulator's REST API and webhooks (this instance, plain HTTP). */
    @WithDefault("http://localhost:8080")
    String selfUrl();
}
