package com.callaback.security;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Re-encrypts every stored secret of every business under the current key, in its bound form: the
 * {@code rotate-secrets} command. It works as the schema owner (the migration role), like a data migration: in
 * one transaction it lifts the forced row-level security of the two secret tables, rewrites what is not yet
 * current, and forces it again, so no other session ever sees the tables unforced.
 */
@ApplicationScoped
public class SecretRotation {

    private static final Logger LOG = Logger.getLogger(SecretRotation.class);

    /** A table holding secrets: where the secret lives and what it is bound to. */
    private record SecretColumn(String table, String column, String ownerColumn,
            BiFunction<UUID, String, SecretBinding> binding) {
    }

    private static final List<SecretColumn> SECRETS = List.of(
            new SecretColumn("twilio_accounts", "auth_token_encrypted", "subaccount_sid", SecretBinding::twilioToken),
            new SecretColumn("webhook_endpoints", "secret_encrypted", "id",
                    (tenant, id) -> SecretBinding.webhookSecret(tenant, UUID.fromString(id))));

    /**
     * How many secrets were rewritten, were already current, and could not be decrypted with any configured key
     * (left as they are, and logged by table, business and row: a key missing from
     * {@code CALLABACK_PREVIOUS_ENCRYPTION_KEYS}, or a ciphertext moved from another row).
     */
    public record Report(int rewritten, int alreadyCurrent, int unreadable) {
    }

    @Inject
    SecretCipher cipher;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;
    @ConfigProperty(name = "quarkus.flyway.username")
    String owner;
    @ConfigProperty(name = "quarkus.flyway.password")
    String ownerPassword;

    public Report rotate() {
        try (Connection connection = DriverManager.getConnection(url, owner, ownerPassword)) {
            connection.setAutoCommit(false);
            try {
                Report report = new Report(0, 0, 0);
                for (SecretColumn secret : SECRETS) {
                    forceRowSecurity(connection, secret.table(), false);
                    Report counts = rewrite(connection, secret);
                    forceRowSecurity(connection, secret.table(), true);
                    report = new Report(report.rewritten() + counts.rewritten(),
                            report.alreadyCurrent() + counts.alreadyCurrent(), report.unreadable() + counts.unreadable());
                }
                connection.commit();
                LOG.infof("Secrets re-encrypted under key %s: %d rewritten, %d already current, %d unreadable",
                        cipher.currentKeyId(), report.rewritten(), report.alreadyCurrent(), report.unreadable());
                return report;
            } catch (RuntimeException | SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not re-encrypt the stored secrets (as " + owner + ")", e);
        }
    }

    private Report rewrite(Connection connection, SecretColumn secret) throws SQLException {
        record Row(UUID tenantId, UUID id, String owner, String stored) {
        }
        List<Row> rows = new ArrayList<>();
        try (Statement select = connection.createStatement();
                ResultSet row = select.executeQuery("select tenant_id, id, " + secret.ownerColumn() + "::text, "
                        + secret.column() + " from " + secret.table() + " where " + secret.column()
                        + " is not null for update")) {
            while (row.next()) {
                rows.add(new Row(row.getObject(1, UUID.class), row.getObject(2, UUID.class), row.getString(3),
                        row.getString(4)));
            }
        }
        int rewritten = 0;
        int unreadable = 0;
        try (PreparedStatement update = connection.prepareStatement("update " + secret.table() + " set "
                + secret.column() + " = ? where tenant_id = ? and id = ?")) {
            for (Row row : rows) {
                if (cipher.isCurrent(row.stored())) {
                    continue;
                }
                SecretBinding binding = secret.binding().apply(row.tenantId(), row.owner());
                String plain;
                try {
                    plain = cipher.decrypt(row.stored(), binding);
                } catch (IllegalStateException e) {
                    LOG.errorf("%s row %s of business %s does not decrypt with any configured key; left as it is: %s",
                            secret.table(), row.id(), row.tenantId(), e.getMessage());
                    unreadable++;
                    continue;
                }
                update.setString(1, cipher.encrypt(plain, binding));
                update.setObject(2, row.tenantId());
                update.setObject(3, row.id());
                update.addBatch();
                rewritten++;
            }
            update.executeBatch();
        }
        return new Report(rewritten, rows.size() - rewritten - unreadable, unreadable);
    }

    private static void forceRowSecurity(Connection connection, String table, boolean force) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("alter table " + table + (force ? " force" : " no force") + " row level security");
        }
    }
}
