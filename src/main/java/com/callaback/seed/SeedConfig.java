package com.callaback.seed;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where demo businesses come from and whether they load at start. */
@ConfigMapping(prefix = "callaback.seed")
public interface SeedConfig {

    /** Load the seed folder at every start (on in dev mode; idempotent). */
    @WithDefault("false")
    boolean onStart();

    /** The folder of {@code *.yaml} business files, relative to the working directory. */
    @WithDefault("tenants-seed")
    String dir();
}
