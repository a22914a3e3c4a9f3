package com.callaback.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.callaback.web.PlatformConfig;

/**
 * Calls this platform's webhooks as Twilio does: form-encoded POSTs signed with the subaccount's auth token over
 * the public URL, sent over HTTP to this instance.
 */
@ApplicationScoped
public class SimulatorWebhookClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    PlatformConfig platform;
    @Inject
    SimulatorConfig simulator;

    /** A webhook's answer: status and body (TwiML or nothing). */
    public record Answer(String path, int status, String body) {
    }

    /** Posts to a webhook path of this platform (e.g. {@code /api/twilio/incoming-call?x=y}). */
    public Answer post(String pathAndQuery, String authToken, Map<String, String> params) {
        return postTo(platform.publicBaseUrl() + pathAndQuery, pathAndQuery, authToken, params);
    }

    /** Posts to a callback URL Twilio was given (signed as given, delivered to this instance). */
    public Answer postToCallback(String callbackUrl, String authToken, Map<String, String> params) {
        URI uri = URI.create(callbackUrl);
        String pathAndQuery = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return postTo(callbackUrl, pathAndQuery, authToken, params);
    }

    private Answer postTo(String signedUrl, String pathAndQuery, String authToken, Map<String, String> params) {
        String form = params.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.selfUrl() + pathAndQuery))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("X-Twilio-Signature", sign(authToken, signedUrl, params))
                .header("User-Agent", "TwilioProxy/1.1 (Callaback simulator)")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(pathAndQuery, response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("The simulator could not reach " + pathAndQuery, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling " + pathAndQuery, e);
        }
    }

    /** Twilio's scheme: Base64(HMAC-SHA1(token, url + each parameter name and value, sorted by name)). */
    static String sign(String authToken, String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every Java runtime", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
