package com.callaback.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.callaback.web.PlatformConfig;

/**
 * Encrypts tenant secrets at rest with AES-256-GCM. The stored form is {@code v2:<key id>:<base64 nonce+ciphertext>},
 * sealed with its {@link SecretBinding} as associated data; the key id names which configured key sealed it, so the
 * key can be rotated (previous keys still decrypt until {@code rotate-secrets} has re-encrypted everything). The
 * older {@code v1:} form (no key id, no binding) still decrypts, and rotation rewrites it.
 */
@ApplicationScoped
public class SecretCipher {

    private static final String CURRENT = "v2:";
    private static final String LEGACY = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String currentKeyId;
    /** Every configured key by its id, the current one first. */
    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();

    @Inject
    public SecretCipher(PlatformConfig config) {
        this(config.encryptionKey(), config.previousEncryptionKeys().orElse(List.of()));
    }

    public SecretCipher(String currentKey, List<String> previousKeys) {
        SecretKeySpec current = key(currentKey, "CALLABACK_ENCRYPTION_KEY");
        currentKeyId = keyId(current);
        keys.put(currentKeyId, current);
        for (String previous : previousKeys) {
            if (!previous.isBlank()) {
                SecretKeySpec key = key(previous, "CALLABACK_PREVIOUS_ENCRYPTION_KEYS");
                keys.putIfAbsent(keyId(key), key);
            }
        }
    }

    /** The id of the key new secrets are sealed with (a hash prefix of the key, never the key). */
    public String currentKeyId() {
        return currentKeyId;
    }

    public String encrypt(String plain, SecretBinding binding) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(binding.associatedData());
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return CURRENT + currentKeyId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not encrypt a secret", e);
        }
    }

    public String decrypt(String stored, SecretBinding binding) {
        if (stored != null && stored.startsWith(CURRENT)) {
            int end = stored.indexOf(':', CURRENT.length());
            String keyId = end < 0 ? "" : stored.substring(CURRENT.length(), end);
            SecretKeySpec key = keys.get(keyId);
            if (key == null) {
                throw new IllegalStateException("A stored secret was sealed with key " + keyId
                        + ", which is neither CALLABACK_ENCRYPTION_KEY nor one of CALLABACK_PREVIOUS_ENCRYPTION_KEYS");
            }
            return open(key, stored.substring(end + 1), binding.associatedData());
        }
        if (stored != null && stored.startsWith(LEGACY)) {
            List<IllegalStateException> failures = new ArrayList<>();
            for (SecretKeySpec key : keys.values()) {
                try {
                    return open(key, stored.substring(LEGACY.length()), null);
                } catch (IllegalStateException wrongKey) {
                    failures.add(wrongKey);
                }
            }
            throw failures.get(0);
        }
        throw new IllegalStateException("A stored secret is in no known format");
    }

    /** Whether a stored secret is sealed with the current key in the current form (rotation leaves it alone). */
    public boolean isCurrent(String stored) {
        return stored != null && stored.startsWith(CURRENT + currentKeyId + ":");
    }

    private static String open(SecretKeySpec key, String base64, byte[] associatedData) {
        try {
            byte[] in = Base64.getDecoder().decode(base64);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, NONCE_BYTES));
            if (associatedData != null) {
                cipher.updateAAD(associatedData);
            }
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "Could not decrypt a stored secret (wrong key, or sealed for another business or record)", e);
        }
    }

    private static SecretKeySpec key(String base64, String setting) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(setting + " must be base64 (openssl rand -base64 32)", e);
        }
        if (raw.length != 32) {
            throw new IllegalStateException(setting + " must decode to 32 bytes, not " + raw.length);
        }
        return new SecretKeySpec(raw, "AES");
    }

    private static String keyId(SecretKeySpec key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("callaback-key-id:".getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(key.getEncoded()), 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
