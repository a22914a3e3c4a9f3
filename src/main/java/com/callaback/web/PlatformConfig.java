package com.callaback.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the platform as a whole. */
@ConfigMapping(prefix = "callaback.platform")
public interface PlatformConfig {

    /**
     * The public HTTPS address of this platform as customers, Twilio and Stripe reach it (behind any proxy),
     * without a trailing slash. Links in invitations and webhook URLs are built from it.
     */
    @WithDefault("http://localhost:8080")
    String publicBaseUrl();

    /**
     * Base64 of 32 random bytes: the AES key that encrypts tenant secrets at rest (Twilio subaccount tokens).
     * Losing it makes those secrets unreadable; from {@code CALLABACK_ENCRYPTION_KEY} in production.
     */
    String encryptionKey();

    /**
     * Keys that sealed secrets before the current one (base64, comma-separated), from
     * {@code CALLABACK_PREVIOUS_ENCRYPTION_KEYS}: they still decrypt until {@code rotate-secrets} has re-encrypted
     * every secret under {@link #encryptionKey()} (docs/security.md).
     */
    java.util.Optional<java.util.List<String>> previousEncryptionKeys();
}
