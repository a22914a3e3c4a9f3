package com.callaback.api;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import com.callaback.identity.ApiKey;
import com.callaback.identity.AuditEntry;
import com.callaback.identity.Tokens;
import com.callaback.web.FieldErrors;

/**
 * Creates and revokes a business's API keys. A key reads {@code cbk_<8 characters>_<secret>}: the first part is the
 * prefix stored in clear (so people recognise their keys), the whole key is stored only as its SHA-256.
 */
@ApplicationScoped
public class ApiKeyService {

    static final String KEY_START = "cbk_";
    private static final String PREFIX_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A key just created: the secret is in {@code key} and is never shown again. */
    public record Created(ApiKey apiKey, String key) {
    }

    @Transactional
    public Created create(String name, boolean write, UUID actor) {
        FieldErrors errors = new FieldErrors();
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty()) {
            errors.add("name", "Name the key after what uses it, such as \"Zapier\" or \"CRM sync\".");
        } else if (trimmed.length() > 80) {
            errors.add("name", "Use at most 80 characters.");
        }
        errors.throwIfAny();
        String prefix = KEY_START + randomPrefix();
        String key = prefix + "_" + Tokens.newToken();
        ApiKey apiKey = new ApiKey();
        apiKey.name = trimmed;
        apiKey.keyPrefix = prefix;
        apiKey.keyHash = Tokens.sha256(key);
        apiKey.scopes = write ? new String[] { "read", "write" } : new String[] { "read" };
        apiKey.createdBy = actor;
        apiKey.persist();
        AuditEntry.record(actor, "api_key.created", "api_key", apiKey.id);
        return new Created(apiKey, key);
    }

    @Transactional
    public List<ApiKey> list() {
        return ApiKey.listNewestFirst();
    }

    /** Revoking twice is harmless; another business's key is not found. */
    @Transactional
    public void revoke(UUID id, UUID actor) {
        ApiKey apiKey = ApiKey.findById(id);
        if (apiKey == null) {
            throw new NotFoundException("No API key with that id");
        }
        if (!apiKey.revoked()) {
            apiKey.revokedAt = Instant.now();
            AuditEntry.record(actor, "api_key.revoked", "api_key", id);
        }
    }

    /** The prefix of a presented key ({@code cbk_xxxxxxxx}), or null if it does not have our shape. */
    static String prefixOf(String key) {
        if (key == null || !key.startsWith(KEY_START) || key.length() < KEY_START.length() + 10
                || key.charAt(KEY_START.length() + 8) != '_') {
            return null;
        }
        return key.substring(0, KEY_START.length() + 8);
    }

    private static String randomPrefix() {
        StringBuilder prefix = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            prefix.append(PREFIX_ALPHABET.charAt(RANDOM.nextInt(PREFIX_ALPHABET.length())));
        }
        return prefix.toString();
    }
}
