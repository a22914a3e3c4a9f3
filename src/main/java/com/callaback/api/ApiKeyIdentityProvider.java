package com.callaback.api;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.callaback.identity.Tokens;
import com.callaback.tenant.TenantRequestFilter;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Checks an API key: one call of the {@code authenticate_api_key} function (SECURITY DEFINER, since no tenant is
 * known yet) finds a key that is not revoked by its prefix and SHA-256, and stamps its last use at most once a
 * minute. The identity carries the key's business, so the request acts in that business and no other.
 */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

    @Inject
    DataSource dataSource;

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyAuthenticationRequest request,
            AuthenticationRequestContext context) {
        return context.runBlocking(() -> identityOf(request.key()));
    }

    private SecurityIdentity identityOf(String key) {
        String prefix = ApiKeyService.prefixOf(key);
        if (prefix == null) {
            throw new AuthenticationFailedException("Not an API key of this service");
        }
        ApiCaller caller = lookUp(prefix, Tokens.sha256(key));
        if (caller == null) {
            throw new AuthenticationFailedException("Unknown or revoked API key " + prefix);
        }
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("api-key:" + prefix))
                .addRole(ApiCaller.READ_ROLE)
                .addAttribute(ApiCaller.ATTRIBUTE, caller)
                .addAttribute(TenantRequestFilter.TENANT_ATTRIBUTE, caller.tenantId());
        if (caller.canWrite()) {
            identity.addRole(ApiCaller.WRITE_ROLE);
        }
        return identity.build();
    }

    /** Auto-commit: the function's own statement is the transaction, and no tenant is set on the connection. */
    private ApiCaller lookUp(String prefix, String hash) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select tenant_id, api_key_id, scopes, created_by from authenticate_api_key(?, ?)")) {
            statement.setString(1, prefix);
            statement.setString(2, hash);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                Array scopes = row.getArray(3);
                boolean write = Arrays.asList((Object[]) scopes.getArray()).contains("write");
                return new ApiCaller(row.getObject(1, UUID.class), row.getObject(2, UUID.class), prefix,
                        row.getObject(4, UUID.class), write);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not check an API key", e);
        }
    }
}
