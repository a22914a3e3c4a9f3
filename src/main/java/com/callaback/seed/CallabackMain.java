package com.callaback.seed;

import java.nio.file.Path;
import java.util.Set;

import jakarta.inject.Inject;

import com.callaback.security.SecretRotation;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point. Without arguments it serves the product. A command does its work against the configured database
 * and exits, without an HTTP server or background jobs: {@code seed [folder]} loads demo businesses
 * ({@code java -jar quarkus-run.jar seed tenants-seed}); {@code rotate-secrets} re-encrypts every stored secret
 * under the current key (docs/security.md).
 */
@QuarkusMain
public class CallabackMain implements QuarkusApplication {

    private static final Set<String> COMMANDS = Set.of("seed", "rotate-secrets");

    @Inject
    SeedLoader seedLoader;
    @Inject
    SecretRotation rotation;

    public static void main(String... args) {
        if (args.length > 0 && COMMANDS.contains(args[0])) {
            // Runtime settings, read when the application starts: a command listens on no port (so it cannot hang
            // on one, nor serve a half-started app) and runs no scheduled job next to its own work.
            System.setProperty("quarkus.http.host-enabled", "false");
            System.setProperty("quarkus.management.host-enabled", "false");
            System.setProperty("quarkus.scheduler.enabled", "false");
        }
        Quarkus.run(CallabackMain.class, args);
    }

    @Override
    public int run(String... args) {
        if (args.length > 0 && "seed".equals(args[0])) {
            seedLoader.loadFolder(Path.of(args.length > 1 ? args[1] : "tenants-seed"));
            return 0;
        }
        if (args.length > 0 && "rotate-secrets".equals(args[0])) {
            SecretRotation.Report report = rotation.rotate();
            System.out.printf("rotate-secrets: %d re-encrypted, %d already current, %d unreadable%n",
                    report.rewritten(), report.alreadyCurrent(), report.unreadable());
            // Unreadable secrets are logged one by one; a non-zero exit makes a script notice them.
            return report.unreadable() == 0 ? 0 : 1;
        }
        if (args.length > 0) {
            System.err.println("Unknown command " + args[0] + "; commands: seed [folder], rotate-secrets");
            return 2;
        }
        Quarkus.waitForExit();
        return 0;
    }
}
