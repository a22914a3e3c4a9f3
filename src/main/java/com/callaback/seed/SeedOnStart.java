package com.callaback.seed;

import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/** In dev mode, loads {@code tenants-seed/} at every start (idempotently), so the demo businesses are there. */
@Singleton
public class SeedOnStart {

    private static final Logger LOG = Logger.getLogger(SeedOnStart.class);

    @Inject
    SeedLoader loader;

    @Inject
    SeedConfig config;

    void load(@Observes StartupEvent event) {
        if (!config.onStart()) {
            return;
        }
        Path folder = Path.of(config.dir());
        if (!Files.isDirectory(folder)) {
            LOG.warnf("callaback.seed.on-start is set but %s is not a folder; nothing loaded", folder.toAbsolutePath());
            return;
        }
        loader.loadFolder(folder);
    }
}
