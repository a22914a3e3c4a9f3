package com.callaback.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The start-up check refuses roles that would make row-level security moot: a superuser or BYPASSRLS schema owner or
 * definer role, or an application role that belongs to the definer role. Each is set for a moment through the
 * embedded server's superuser (skipped against an external database, whose superuser the tests do not know).
 */
@QuarkusTest
class DatabaseRoleCheckTest {

    @Inject
    DatabaseRoleCheck check;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;
    @ConfigProperty(name = "quarkus.flyway.username")
    String owner;
    @ConfigProperty(name = "quarkus.datasource.username")
    String app;

    @Test
    void theRolesOfTheTestDatabasePass() {
        assertThat(check.problems()).isEmpty();
    }

    @Test
    void refusesASuperuserOrBypassRlsSchemaOwner() throws SQLException {
        try (Connection superuser = superuser()) {
            for (String attribute : new String[] {"bypassrls", "superuser"}) {
                withRole(superuser, "alter role " + owner + " " + attribute, "alter role " + owner + " no" + attribute,
                        () -> {
                            assertThat(check.problems()).as(attribute)
                                    .anySatisfy(p -> assertThat(p).contains("schema owner " + owner));
                            assertThatThrownBy(() -> check.check(null)).isInstanceOf(IllegalStateException.class)
                                    .hasMessageContaining("schema owner " + owner);
                        });
            }
        }
    }

    @Test
    void refusesABypassRlsDefinerRoleOrAnApplicationRoleThatBelongsToIt() throws SQLException {
        try (Connection superuser = superuser()) {
            withRole(superuser, "alter role callaback_definer bypassrls", "alter role callaback_definer nobypassrls",
                    () -> assertThat(check.problems()).anySatisfy(
                            p -> assertThat(p).contains("owner callaback_definer is a superuser or has BYPASSRLS")));
            withRole(superuser, "grant callaback_definer to " + app, "revoke callaback_definer from " + app,
                    () -> assertThat(check.problems()).anySatisfy(
                            p -> assertThat(p).contains("is a role the application role is a member of")));
        }
        assertThat(check.problems()).isEmpty();
    }

    private Connection superuser() throws SQLException {
        assumeTrue(System.getenv("DB_URL") == null, "the embedded server's superuser is known; an external one is not");
        return DriverManager.getConnection(url, "postgres", "postgres");
    }

    private static void withRole(Connection superuser, String change, String undo, Runnable assertion)
            throws SQLException {
        try (Statement statement = superuser.createStatement()) {
            statement.execute(change);
            try {
                assertion.run();
            } finally {
                statement.execute(undo);
            }
        }
    }
}
