package com.callaback.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.callaback.support.Fixtures;
import com.callaback.support.TwilioCalls;
import com.callaback.support.TwilioWebhooks;
import com.callaback.telephony.TwilioAccount;
import com.callaback.tenant.TenantScope;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Secrets at rest are bound to their business and subaccount, and the key can be rotated: a token copied into
 * another business's row authenticates nothing there (403, not 500), a token in the old unbound form still works
 * and is rewritten by the rotation, and rotating to a new key and back leaves every webhook working.
 */
@QuarkusTest
class SecretRotationTest {

    private static final String NEW_KEY = "cm90YXRpb24tdGVzdC1rZXktMDEyMzQ1Njc4OWFiY2Q=";

    @Inject
    Fixtures fixtures;
    @Inject
    TenantScope scope;
    @Inject
    SecretCipher cipher;
    @ConfigProperty(name = "callaback.platform.encryption-key")
    String testKey;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;
    @ConfigProperty(name = "quarkus.flyway.username")
    String owner;
    @ConfigProperty(name = "quarkus.flyway.password")
    String ownerPassword;

    @Test
    void aTokenCopiedIntoAnotherBusinessDoesNotDecryptThere() {
        Fixtures.TwilioBusiness a = fixtures.twilioBusiness("Sealed A Dental", true);
        Fixtures.TwilioBusiness b = fixtures.twilioBusiness("Sealed B Dental", true);
        String sealedForA = storedToken(a);
        assertThat(sealedForA).startsWith("v2:" + cipher.currentKeyId() + ":").doesNotContain(a.authToken());

        // Another business, and the same business on another subaccount: the ciphertext is refused.
        assertThatThrownBy(() -> cipher.decrypt(sealedForA, SecretBinding.twilioToken(b.tenantId(), a.accountSid())))
                .isInstanceOf(IllegalStateException.class).hasMessageNotContaining(a.authToken());
        assertThatThrownBy(() -> cipher.decrypt(sealedForA, SecretBinding.twilioToken(a.tenantId(), b.accountSid())))
                .isInstanceOf(IllegalStateException.class);

        // Someone who can write B's row copies A's sealed token in, and signs B's webhooks with A's token.
        setStoredToken(b, sealedForA);
        TwilioWebhooks twilio = new TwilioWebhooks();
        twilio.post("/api/twilio/incoming-call", a.authToken(), TwilioCalls.incomingCall(b, TwilioCalls.callSid(),
                Fixtures.randomPhone())).then().statusCode(403);
        twilio.post("/api/twilio/incoming-call", a.authToken(), TwilioCalls.incomingCall(a, TwilioCalls.callSid(),
                Fixtures.randomPhone())).then().statusCode(200);

        // Put B's own token back, sealed for B: the rest of the suite rotates and reads every secret.
        setStoredToken(b, cipher.encrypt(b.authToken(), SecretBinding.twilioToken(b.tenantId(), b.accountSid())));
    }


    @Test
    void rotationRewritesOldAndUnboundSecretsAndWebhooksKeepWorking() {
        Fixtures.TwilioBusiness legacy = fixtures.twilioBusiness("Legacy Token Dental", true);
        Fixtures.TwilioBusiness current = fixtures.twilioBusiness("Current Token Dental", true);
        setStoredToken(legacy, legacyForm(legacy.authToken()));
        TwilioWebhooks twilio = new TwilioWebhooks();
        // The v1 form (no key id, no binding) still decrypts until it is rotated.
        twilio.post("/api/twilio/incoming-call", legacy.authToken(), TwilioCalls.incomingCall(legacy,
                TwilioCalls.callSid(), Fixtures.randomPhone())).then().statusCode(200);

        // A token copied from another business is neither rewritten nor stops the rotation: counted and logged.
        Fixtures.TwilioBusiness moved = fixtures.twilioBusiness("Moved Token Dental", true);
        String copied = storedToken(current);
        setStoredToken(moved, copied);

        SecretCipher rotated = new SecretCipher(NEW_KEY, List.of(testKey));
        SecretRotation.Report toNew = rotateWith(rotated);
        assertThat(toNew.rewritten()).isGreaterThanOrEqualTo(2);
        assertThat(toNew.unreadable()).isGreaterThanOrEqualTo(1);
        assertThat(storedToken(moved)).isEqualTo(copied);
        setStoredToken(moved, rotated.encrypt(moved.authToken(), SecretBinding.twilioToken(moved.tenantId(),
                moved.accountSid())));
        for (Fixtures.TwilioBusiness business : List.of(legacy, current)) {
            String stored = storedToken(business);
            assertThat(rotated.isCurrent(stored)).as(stored).isTrue();
            assertThat(rotated.decrypt(stored, SecretBinding.twilioToken(business.tenantId(), business.accountSid())))
                    .isEqualTo(business.authToken());
        }
        // Rotating again changes nothing.
        assertThat(rotateWith(rotated).rewritten()).isZero();

        // Back to the key this test run's app uses, so the rest of the suite reads every secret.
        SecretRotation.Report back = rotateWith(new SecretCipher(testKey, List.of(NEW_KEY)));
        assertThat(back.rewritten()).isEqualTo(toNew.rewritten() + toNew.alreadyCurrent() + 1);
        assertThat(storedToken(legacy)).startsWith("v2:" + cipher.currentKeyId() + ":");
        for (Fixtures.TwilioBusiness business : List.of(legacy, current, moved)) {
            twilio.post("/api/twilio/incoming-call", business.authToken(), TwilioCalls.incomingCall(business,
                    TwilioCalls.callSid(), Fixtures.randomPhone())).then().statusCode(200);
        }
    }

    private SecretRotation.Report rotateWith(SecretCipher with) {
        SecretRotation run = new SecretRotation();
        run.cipher = with;
        run.url = url;
        run.owner = owner;
        run.ownerPassword = ownerPassword;
        return run.rotate();
    }

    private String storedToken(Fixtures.TwilioBusiness business) {
        return scope.call(business.tenantId(), () -> TwilioAccount.<TwilioAccount>find("subaccountSid",
                business.accountSid()).firstResult().authTokenEncrypted);
    }

    private void setStoredToken(Fixtures.TwilioBusiness business, String stored) {
        scope.run(business.tenantId(), () -> TwilioAccount.<TwilioAccount>find("subaccountSid", business.accountSid())
                .firstResult().authTokenEncrypted = stored);
    }

    /** A token as stored before tokens were bound and carried a key id. */
    private String legacyForm(String token) {
        try {
            byte[] nonce = new byte[12];
            new SecureRandom().nextBytes(nonce);
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(testKey), "AES"),
                    new GCMParameterSpec(128, nonce));
            byte[] sealed = aes.doFinal(token.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return "v1:" + Base64.getEncoder().encodeToString(out);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
