package com.callaback.api;

import java.util.UUID;

import io.quarkus.security.identity.SecurityIdentity;

/** What an authenticated API key stands for: its business, the key, who created it, and whether it may write. */
public record ApiCaller(UUID tenantId, UUID apiKeyId, String prefix, UUID createdBy, boolean canWrite) {

    static final String ATTRIBUTE = "callaback.api-caller";
    static final String READ_ROLE = "api-read";
    static final String WRITE_ROLE = "api-write";

    /** The key behind a request's identity, or null for a signed-in person or an OIDC token. */
    static ApiCaller of(SecurityIdentity identity) {
        return identity == null || identity.isAnonymous() ? null : identity.getAttribute(ATTRIBUTE);
    }
}
