package com.callaback.tenant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalPoolInterceptor;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;

/**
 * Layer 2 of tenancy: tells PostgreSQL which tenant (and which signed-in person) a connection works for, so
 * row-level security admits only that tenant's rows, and of {@code users} only that person's and the tenant's team.
 * <p>
 * Inside a JTA transaction (the usual case) the pool hands out a connection that is already enlisted, with
 * auto-commit off, so the tenant is set by the transaction's first statement as a transaction-local setting:
 * it ends with the commit or rollback, and nothing needs resetting when the connection goes back. A connection
 * taken outside a transaction for a tenant (a read in auto-commit mode) gets a session setting instead, which is
 * cleared when it is returned. A connection without a tenant costs no statement at all: no connection in the
 * pool ever carries a tenant between checkouts.
 */
@ApplicationScoped
public class TenantConnectionInterceptor implements AgroalPoolInterceptor {

    private static final Logger LOG = Logger.getLogger(TenantConnectionInterceptor.class);
    private static final String SET_TENANT_IN_TRANSACTION =
            "select set_config('app.tenant_id', ?, true), set_config('app.user_id', ?, true)";
    private static final String SET_TENANT_IN_SESSION =
            "select set_config('app.tenant_id', ?, false), set_config('app.user_id', ?, false)";
    private static final Acting NOBODY = new Acting("", "");

    /** Connections checked out in auto-commit mode whose session carries a tenant until they are returned. */
    private final Set<Object> sessionTenants = Collections.synchronizedSet(
            Collections.newSetFromMap(new IdentityHashMap<>()));

    @Override
    public void onConnectionAcquire(Connection connection) {
        Acting acting = acting();
        if (acting.equals(NOBODY)) {
            return;
        }
        if (inTransaction(connection)) {
            execute(connection, SET_TENANT_IN_TRANSACTION, acting);
        } else {
            execute(connection, SET_TENANT_IN_SESSION, acting);
            sessionTenants.add(physical(connection));
        }
    }

    @Override
    public void onConnectionReturn(Connection connection) {
        if (sessionTenants.remove(physical(connection))) {
            execute(connection, SET_TENANT_IN_SESSION, NOBODY);
        }
    }

    /**
     * The database connection itself, the same on acquire and return. Keyed by the object the pool passed in, the
     * return never matched the acquire and a session's tenant stayed on the pooled connection for the next checkout
     * (PooledConnectionSettingsTest).
     */
    private static Object physical(Connection connection) {
        try {
            return connection.unwrap(org.postgresql.PGConnection.class);
        } catch (SQLException notPostgres) {
            return connection;
        }
    }

    private static boolean inTransaction(Connection connection) {
        try {
            return !connection.getAutoCommit();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the transaction mode of a database connection", e);
        }
    }

    /** The tenant and the person a connection acts for; empty strings for none. */
    private record Acting(String tenant, String user) {
    }

    private static Acting acting() {
        ManagedContext requestContext = Arc.container().requestContext();
        if (!requestContext.isActive()) {
            return NOBODY;
        }
        TenantContext context = Arc.container().instance(TenantContext.class).get();
        return new Acting(context.tenantId().map(UUID::toString).orElse(""),
                context.userId().map(UUID::toString).orElse(""));
    }

    private static void execute(Connection connection, String sql, Acting acting) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, acting.tenant());
            statement.setString(2, acting.user());
            statement.execute();
        } catch (SQLException e) {
            // A connection whose tenant cannot be set (or cleared) must not be used: fail the checkout loudly.
            LOG.errorf(e, "Could not set the tenant on a database connection");
            throw new IllegalStateException("Could not set the tenant on a database connection", e);
        }
    }
}
