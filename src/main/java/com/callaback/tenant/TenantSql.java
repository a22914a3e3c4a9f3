package com.callaback.tenant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Plain SQL in the current transaction, for the paths that run on every call and text (webhooks), where
 * Hibernate's work per query (parsing, flush checks, result mapping) costs more than the statement. It uses the
 * transaction's own connection, the one Hibernate uses too, so the tenant is the transaction's and row-level
 * security applies exactly as it does to Hibernate's queries. Entities written through Hibernate in the same
 * transaction are not flushed first: the callers here do not mix the two for the same rows.
 */
@ApplicationScoped
public class TenantSql {

    @Inject
    DataSource dataSource;

    /** Runs an insert, update or delete; returns the number of rows it changed. */
    public int update(String sql, Object... args) {
        try (Connection connection = transactionConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, args);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new PersistenceException(e.getMessage(), e);
        }
    }

    /** Runs a query (or a statement with {@code RETURNING}); returns its rows as arrays of column values. */
    public List<Object[]> rows(String sql, Object... args) {
        try (Connection connection = transactionConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, args);
            return read(statement);
        } catch (SQLException e) {
            throw new PersistenceException(e.getMessage(), e);
        }
    }

    /** Makes the transaction's next statements act for this tenant (row-level security). */
    void setTenant(UUID tenantId) {
        rows("select set_config('app.tenant_id', ?, true)", tenantId.toString());
    }

    private static List<Object[]> read(PreparedStatement statement) throws SQLException {
        try (ResultSet result = statement.executeQuery()) {
            int columns = result.getMetaData().getColumnCount();
            List<Object[]> rows = new ArrayList<>();
            while (result.next()) {
                Object[] row = new Object[columns];
                for (int i = 0; i < columns; i++) {
                    row[i] = result.getObject(i + 1);
                }
                rows.add(row);
            }
            return rows;
        }
    }

    /** Closing it gives it back to the transaction, which keeps it until it ends. */
    private Connection transactionConnection() throws SQLException {
        if (!QuarkusTransaction.isActive()) {
            throw new IllegalStateException("TenantSql runs only inside a transaction, which carries the tenant");
        }
        return dataSource.getConnection();
    }

    private static void bind(PreparedStatement statement, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object arg = args[i] instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : args[i];
            statement.setObject(i + 1, arg);
        }
    }
}
