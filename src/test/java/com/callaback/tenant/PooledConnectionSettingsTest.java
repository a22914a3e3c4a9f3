package com.callaback.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.callaback.support.Fixtures;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A connection taken for a tenant outside a transaction (auto-commit) carries the tenant as a session setting; it must
 * be cleared when the connection goes back, so the next checkout, without a tenant, sees nothing of it.
 */
@QuarkusTest
class PooledConnectionSettingsTest {

    @Inject
    DataSource dataSource;
    @Inject
    TenantScope tenantScope;
    @Inject
    Fixtures fixtures;

    @Test
    void anAutoCommitCheckoutForATenantLeavesNothingOnThePooledConnection() throws Exception {
        UUID tenant = fixtures.business("Pooled Settings Shop");
        String seen = CompletableFuture.supplyAsync(() -> inRequest(() -> {
            tenantScope.enterForRequest(tenant);
            return setting();
        })).join();
        assertThat(seen).isEqualTo(tenant.toString());

        for (int i = 0; i < 30; i++) {
            assertThat(CompletableFuture.supplyAsync(() -> inRequest(PooledConnectionSettingsTest.this::setting)).join())
                    .as("checkout %d without a tenant", i).isEmpty();
        }
    }

    private String setting() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select coalesce(current_setting('app.tenant_id', true), '')")) {
            rows.next();
            return rows.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T inRequest(java.util.function.Supplier<T> work) {
        ManagedContext request = Arc.container().requestContext();
        request.activate();
        try {
            return work.get();
        } finally {
            request.terminate();
        }
    }
}
