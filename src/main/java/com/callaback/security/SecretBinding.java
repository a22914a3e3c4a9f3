package com.callaback.security;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * What a stored secret belongs to, sealed into its ciphertext as associated data: a secret copied into another
 * business's row, or onto another subaccount or endpoint, no longer decrypts.
 */
public record SecretBinding(String purpose, UUID tenantId, String ownerId) {

    public SecretBinding {
        if (tenantId == null || ownerId == null || ownerId.isBlank()) {
            throw new IllegalArgumentException("A secret is bound to a business and an owner id");
        }
    }

    /** A Twilio subaccount's auth token, bound to the business and the subaccount SID. */
    public static SecretBinding twilioToken(UUID tenantId, String subaccountSid) {
        return new SecretBinding("twilio_accounts.auth_token", tenantId, subaccountSid);
    }

    /** An outgoing webhook endpoint's signing secret, bound to the business and the endpoint. */
    public static SecretBinding webhookSecret(UUID tenantId, UUID endpointId) {
        return new SecretBinding("webhook_endpoints.secret", tenantId, endpointId == null ? null : endpointId.toString());
    }

    byte[] associatedData() {
        return ("callaback:" + purpose + ":" + tenantId + ":" + ownerId).getBytes(StandardCharsets.UTF_8);
    }
}
