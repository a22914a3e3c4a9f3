package com.callaback.seed;

import java.nio.file.Path;

import jakarta.inject.Inject;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point. Without arguments it serves the product; {@code seed [folder]} loads demo businesses into the
 * configured database and exits (any environment: {@code java -jar quarkus-run.jar seed tenants-seed}).
 */
@QuarkusMain
public class CallabackMain implements QuarkusApplication {

    @Inject
    SeedLoader seedLoader;

    @Override
    public int run(String... args) {
        if (args.length > 0 && "seed".equals(args[0])) {
            seedLoader.loadFolder(Path.of(args.length > 1 ? args[1] : "tenants-seed"));
            return 0;
        }
        Quarkus.waitForExit();
        return 0;
    }
}
