package com.callaback.telephony;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Finds the business a Twilio webhook belongs to, with the subaccount credentials that check its signature, in
 * one auto-commit query through a SECURITY DEFINER function (no tenant is known yet, and none is set).
 */
@ApplicationScoped
public class TwilioRoutes {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(TwilioRoutes.class);

    @Inject
    DataSource dataSource;
    @Inject
    TwilioAccountCredentials credentials;

    /**
     * Where a webhook goes: the business, the number (for webhooks routed by it), whether that number has been
     * released, and the credentials of its subaccount (null when the business has none with a token).
     */
    public record Route(UUID tenantId, UUID phoneNumberId, boolean released, TwilioGateway.Credentials credentials) {
    }

    public Optional<Route> byNumber(String e164) {
        return query("select tenant_id, phone_number_id, released, account_sid, auth_token_encrypted "
                + "from route_twilio_number(?)", e164, true);
    }

    public Optional<Route> bySubaccount(String accountSid) {
        return query("select tenant_id, null::uuid, false, account_sid, auth_token_encrypted "
                + "from route_twilio_subaccount(?)", accountSid, false);
    }

    /**
     * A token that does not decrypt for this business and subaccount (copied from another row, or sealed with a key
     * no longer configured) authenticates nothing: the webhook is refused like any unsigned one.
     */
    private TwilioGateway.Credentials credentialsOrNone(UUID tenantId, String accountSid, String token) {
        try {
            return credentials.decrypted(tenantId, accountSid, token);
        } catch (IllegalStateException e) {
            LOG.errorf("The stored token of subaccount %s of business %s does not decrypt: %s", accountSid, tenantId,
                    e.getMessage());
            return null;
        }
    }

    private Optional<Route> query(String sql, String key, boolean byNumber) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, key);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                UUID tenantId = row.getObject(1, UUID.class);
                String accountSid = row.getString(4);
                String token = row.getString(5);
                return Optional.of(new Route(tenantId, byNumber ? row.getObject(2, UUID.class) : null,
                        row.getBoolean(3), accountSid == null || token == null ? null
                                : credentialsOrNone(tenantId, accountSid, token)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not route a Twilio webhook", e);
        }
    }
}
