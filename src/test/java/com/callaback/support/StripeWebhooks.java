package com.callaback.support;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.restassured.response.Response;

/** Posts Stripe webhook events signed as Stripe signs them (t=timestamp, v1=HMAC-SHA256 of "t.payload"). */
public final class StripeWebhooks {

    private StripeWebhooks() {
    }

    public static String event(String id, String type, String object) {
        return """
                {"id": "%s", "object": "event", "api_version": "2025-10-29.clover", "created": %d, "livemode": false,
                 "pending_webhooks": 1, "type": "%s", "data": {"object": %s}}""".formatted(id, Instant.now().getEpochSecond(),
                type, object);
    }

    public static Response post(String payload) {
        return post(payload, signature(payload, StripeStub.WEBHOOK_SECRET, Instant.now()));
    }

    public static Response post(String payload, String signatureHeader) {
        return given().contentType("application/json; charset=utf-8").header("Stripe-Signature", signatureHeader)
                .body(payload).post("/api/stripe/webhook");
    }

    public static String signature(String payload, String secret, Instant at) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            long t = at.getEpochSecond();
            byte[] digest = mac.doFinal((t + "." + payload).getBytes(StandardCharsets.UTF_8));
            return "t=" + t + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
