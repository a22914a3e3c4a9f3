package com.callaback.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.callaback.devdb.EmbeddedDatabaseConfigSource;
import com.callaback.security.SecretCipher;

/**
 * The packaged app's commands as the docs give them ({@code java -jar target/quarkus-app/quarkus-run.jar seed
 * tenants-seed}, then {@code rotate-secrets}), run in the production profile against a real PostgreSQL with the
 * product's two roles: each finishes on its own, listens on no port, and leaves the expected rows. Runs after
 * {@code package} (the integration-test phase of {@code ./mvnw verify}).
 */
class PackagedCommandsIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final String OLD_KEY = "b2xkLWtleS1vbGQta2V5LW9sZC1rZXktb2xkLWtleSE=";
    private static final String NEW_KEY = "bmV3LWtleS1uZXcta2V5LW5ldy1rZXktbmV3LWtleSE=";

    private static Map<String, String> database;

    @BeforeAll
    static void startDatabase() {
        assertThat(JAR).as("run after ./mvnw package").exists();
        EmbeddedDatabaseConfigSource source = new EmbeddedDatabaseConfigSource();
        database = new HashMap<>();
        for (String key : source.getPropertyNames()) {
            database.put(key, source.getValue(key));
        }
        assertThat(database).containsKey("DB_URL");
    }

    @Test
    void seedThenRotateFinishWithoutAnHttpServer() throws Exception {
        Run seed = run(OLD_KEY, "", "seed", "tenants-seed");
        assertThat(seed.exitCode).as(seed.output).isZero();
        assertThat(seed.output).doesNotContain("Listening on");
        assertThat(column("select slug from tenants order by slug")).contains("bright-smile-dental",
                "corner-bakery", "lakeside-plumbing", "northwind-marketing");
        String oldKeyId = new SecretCipher(OLD_KEY, List.of()).currentKeyId();
        assertThat(column("select auth_token_encrypted from twilio_accounts")).isNotEmpty()
                .allMatch(token -> token.startsWith("v2:" + oldKeyId + ":"));

        Run rotate = run(NEW_KEY, OLD_KEY, "rotate-secrets");
        assertThat(rotate.exitCode).as(rotate.output).isZero();
        assertThat(rotate.output).contains("re-encrypted").doesNotContain("Listening on");
        String newKeyId = new SecretCipher(NEW_KEY, List.of()).currentKeyId();
        assertThat(column("select auth_token_encrypted from twilio_accounts")).isNotEmpty()
                .allMatch(token -> token.startsWith("v2:" + newKeyId + ":"));

        // Under the new key alone, loading again reads every rotated token (it compares them with the files).
        Run again = run(NEW_KEY, "", "seed", "tenants-seed");
        assertThat(again.exitCode).as(again.output).isZero();
        assertThat(again.output).doesNotContain("Could not decrypt");
    }

    private record Run(int exitCode, String output) {
    }

    private static Run run(String key, String previousKeys, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-jar",
                JAR.toString()));
        line.addAll(List.of(command));
        Path log = Files.createTempFile("callaback-command", ".log");
        log.toFile().deleteOnExit();
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.putAll(database);
        env.put("DB_APP_ROLE", "callaback_app");
        env.put("PUBLIC_BASE_URL", "https://callaback.example");
        env.put("CALLABACK_ENCRYPTION_KEY", key);
        env.put("CALLABACK_PREVIOUS_ENCRYPTION_KEYS", previousKeys);
        env.put("CALLABACK_SIMULATOR_ENABLED", "true");
        env.put("CALLABACK_BILLING_MODE", "local");
        // Nothing listens there: a command must not need the sign-in server.
        env.put("OIDC_AUTH_SERVER_URL", "http://127.0.0.1:9/realms/callaback");
        env.put("OIDC_CLIENT_ID", "callaback-web");
        env.put("OIDC_CLIENT_SECRET", "not-used-by-commands");
        env.put("OIDC_SESSION_SECRET", "command-test-session-secret-0123456789");
        Process process = builder.start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 180 s:\n" + Files.readString(log));
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** Read as the embedded server's superuser, which row-level security does not filter. */
    private static List<String> column(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(database.get("DB_URL"), "postgres", "");
                Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
