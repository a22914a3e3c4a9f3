package com.callaback.tenant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalPoolInterceptor;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;

/**
 * Layer 2 of tenancy: tells PostgreSQL which tenant a pooled connection works for while it is checked out,
 * so row-level security admits only that tenant's rows, and clears it when the connection goes back.
 * Inside a JTA transaction a connection is checked out for exactly that transaction.
 */
@ApplicationScoped
public class TenantConnectionInterceptor implements AgroalPoolInterceptor {

    private static final Logger LOG = Logger.getLogger(TenantConnectionInterceptor.class);
    private static final String SET_TENANT = "select set_config('app.tenant_id', ?, false)";

    @Override
    public void onConnectionAcquire(Connection connection) {
        setTenant(connection, currentTenant());
    }

    @Override
    public void onConnectionReturn(Connection connection) {
        setTenant(connection, "");
    }

    private static String currentTenant() {
        ManagedContext requestContext = Arc.container().requestContext();
        if (!requestContext.isActive()) {
            return "";
        }
        TenantContext context = Arc.container().instance(TenantContext.class).get();
        return context.tenantId().map(UUID::toString).orElse("");
    }

    private static void setTenant(Connection connection, String tenant) {
        try (PreparedStatement statement = connection.prepareStatement(SET_TENANT)) {
            statement.setString(1, tenant);
            statement.execute();
        } catch (SQLException e) {
            // A connection whose tenant cannot be set must not be used: fail the checkout loudly.
            LOG.errorf(e, "Could not set the tenant on a pooled connection");
            throw new IllegalStateException("Could not set the tenant on a database connection", e);
        }
    }
}
