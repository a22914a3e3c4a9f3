package com.callaback.devdb;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Supplies the {@code DB_*} settings from an embedded PostgreSQL when no database is configured
 * and the embedded binaries are on the class path (dev mode and tests, never the packaged app).
 */
public class EmbeddedDatabaseConfigSource implements ConfigSource {

    private static final String EMBEDDED_CLASS = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";
    private static final Set<String> KEYS = Set.of(
            "DB_URL", "DB_USER", "DB_PASSWORD", "DB_MIGRATION_USER", "DB_MIGRATION_PASSWORD");

    @Override
    public Set<String> getPropertyNames() {
        return available() ? KEYS : Set.of();
    }

    @Override
    public String getValue(String propertyName) {
        if (!KEYS.contains(propertyName) || !available()) {
            return null;
        }
        // Started lazily: only when the datasource actually asks for its URL or credentials.
        Map<String, String> settings = EmbeddedDatabase.settings();
        return settings.get(propertyName);
    }

    @Override
    public String getName() {
        return "callaback-embedded-postgresql";
    }

    @Override
    public int getOrdinal() {
        // Below environment variables (300) and application.properties (250): a configured DB_URL wins.
        return 200;
    }

    private static boolean available() {
        if (System.getenv("DB_URL") != null || System.getProperty("DB_URL") != null) {
            return false;
        }
        try {
            Class.forName(EMBEDDED_CLASS, false, EmbeddedDatabaseConfigSource.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }
}
