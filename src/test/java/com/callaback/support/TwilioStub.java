package com.callaback.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A local HTTP server standing in for Twilio's REST API. The app's real Twilio SDK is pointed at it
 * ({@code callaback.twilio.api-base-url}); by default it accepts every text and describes every message as
 * delivered, one segment, USD 0.0079. Tests add stubs per subaccount path for failures.
 */
@io.quarkus.test.common.QuarkusTestResource(TwilioStub.class)
public class TwilioStub implements QuarkusTestResourceLifecycleManager {

    private static WireMockServer server;

    public static WireMockServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().globalTemplating(true));
        server.start();
        resetToDefaults();
        return Map.of("callaback.twilio.api-base-url", server.baseUrl());
    }

    /**
     * Starts a test from a clean slate: the dispatcher serves every business, so it first sends what earlier
     * tests left due; then the stub forgets those requests and its test-specific stubs.
     */
    public static void resetForTest(com.callaback.messaging.OutboxDispatcher dispatcher) {
        while (dispatcher.dispatchDue("drain-before-test") > 0) {
            // keep draining
        }
        resetToDefaults();
    }

    /** Accepts every text; a fetched message is delivered, 1 segment, priced -0.0079 USD (Twilio's sign). */
    public static void resetToDefaults() {
        server.resetAll();
        server.stubFor(post(urlPathMatching("/2010-04-01/Accounts/AC[0-9a-f]{32}/Messages.json")).atPriority(10)
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("""
                        {"sid": "SM{{randomValue length=32 type='HEXADECIMAL'}}",
                         "account_sid": "{{request.pathSegments.[2]}}",
                         "status": "queued", "num_segments": "1", "price": null, "price_unit": "USD",
                         "direction": "outbound-api", "api_version": "2010-04-01"}""")));
        // Texts already sent, asked for when a text is taken over from a worker that stopped: none, unless a test says.
        server.stubFor(get(urlPathMatching("/2010-04-01/Accounts/AC[0-9a-f]{32}/Messages.json")).atPriority(10)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                        {"messages": [], "end": 0, "first_page_uri": null, "next_page_uri": null, "page": 0,
                         "page_size": 20, "previous_page_uri": null, "start": 0, "uri": null}""")));
        server.stubFor(get(urlPathMatching("/2010-04-01/Accounts/AC[0-9a-f]{32}/Messages/SM[0-9a-f]{32}.json"))
                .atPriority(10)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                        {"sid": "{{request.pathSegments.[4]}}", "account_sid": "{{request.pathSegments.[2]}}",
                         "status": "delivered", "num_segments": "1", "price": "-0.00790", "price_unit": "USD",
                         "direction": "outbound-api", "api_version": "2010-04-01"}""")));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
