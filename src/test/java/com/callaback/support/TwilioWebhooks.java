package com.callaback.support;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.restassured.response.Response;

/**
 * Posts webhooks the way Twilio does: form-encoded, signed with {@code X-Twilio-Signature} (HMAC-SHA1 of the
 * public URL followed by the sorted parameters, keyed by the subaccount's auth token), computed here independently
 * of the SDK the app uses to check it. Remembers every request so a test can replay them.
 */
public class TwilioWebhooks {

    /** The public base URL the app is configured with in tests. */
    public static final String PUBLIC_BASE_URL = "http://localhost:8080";

    /** One sent webhook, for replay. */
    public record Sent(String pathAndQuery, Map<String, String> params, String authToken) {
    }

    private final List<Sent> sent = new ArrayList<>();

    public Response post(String pathAndQuery, String authToken, Map<String, String> params) {
        sent.add(new Sent(pathAndQuery, new LinkedHashMap<>(params), authToken));
        return postUnrecorded(pathAndQuery, signature(authToken, PUBLIC_BASE_URL + pathAndQuery, params), params);
    }

    public Response replay(Sent request) {
        return postUnrecorded(request.pathAndQuery(),
                signature(request.authToken(), PUBLIC_BASE_URL + request.pathAndQuery(), request.params()),
                request.params());
    }

    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    public static Response postUnrecorded(String pathAndQuery, String signature, Map<String, String> params) {
        var spec = given().redirects().follow(false).contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParams(params);
        if (signature != null) {
            spec = spec.header("X-Twilio-Signature", signature);
        }
        return spec.post(pathAndQuery);
    }

    public static String signature(String authToken, String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
