package com.callaback.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A local HTTP server standing in for Stripe's API. The app's real stripe-java client is pointed at it
 * ({@code callaback.billing.api-base}) and tests run in stripe mode with a known webhook secret. By default it creates
 * customers, Checkout and Portal sessions, lists one paid invoice and accepts meter events; tests say what a
 * subscription looks like now with {@link #subscription}.
 */
@io.quarkus.test.common.QuarkusTestResource(StripeStub.class)
public class StripeStub implements QuarkusTestResourceLifecycleManager {

    public static final String WEBHOOK_SECRET = "whsec_test_callaback_0123456789";
    /** Flat and metered Stripe prices the tests put on the plans (the plans table ships with none). */
    public static final String STARTER_PRICE = "price_starter_flat", PRO_PRICE = "price_pro_flat",
            PRO_METERED = "price_pro_segments", AGENCY_PRICE = "price_agency_flat";

    public static final String METER = "mtr_test_sms_segments";

    /** The platform operator's business the reconciliation tells of differences (a test creates it with this id). */
    public static final java.util.UUID OPERATOR_BUSINESS = java.util.UUID.fromString("0b0b0b0b-0000-4000-8000-00000000c0de");

    private static WireMockServer server;

    public static WireMockServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().globalTemplating(true));
        server.start();
        resetToDefaults();
        return Map.of("callaback.billing.mode", "stripe", "callaback.billing.secret-key", "sk_test_callaback",
                "callaback.billing.webhook-secret", WEBHOOK_SECRET, "callaback.billing.api-base", server.baseUrl(),
                "callaback.billing.meter-id", METER, "callaback.billing.operator-business",
                OPERATOR_BUSINESS.toString());
    }

    public static void resetToDefaults() {
        server.resetAll();
        json(post(urlPathEqualTo("/v1/customers")), """
                {"id": "cus_{{randomValue length=14 type='ALPHANUMERIC'}}", "object": "customer"}""");
        json(post(urlPathEqualTo("/v1/checkout/sessions")), """
                {"id": "cs_test_1", "object": "checkout.session", "mode": "subscription",
                 "url": "{{request.baseUrl}}/c/pay/cs_test_1"}""");
        // Where Checkout's URL leads a browser in tests: a page that says where it is.
        server.stubFor(get(urlPathEqualTo("/c/pay/cs_test_1")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody("<html><title>Stripe Checkout (stub)</title>"
                        + "<body><h1 data-stripe-checkout>Stripe Checkout (stub)</h1></body></html>")));
        json(post(urlPathEqualTo("/v1/billing_portal/sessions")), """
                {"id": "bps_1", "object": "billing_portal.session", "url": "https://billing.stripe.test/p/session_1"}""");
        json(post(urlPathEqualTo("/v1/billing/meter_events")), """
                {"object": "billing.meter_event", "event_name": "sms_segments", "identifier": "stub",
                 "livemode": false, "created": 1764000000, "timestamp": 1764000000, "payload": {}}""");
        json(get(urlPathEqualTo("/v1/billing/meters/" + METER + "/event_summaries")), """
                {"object": "list", "url": "/v1/billing/meters/%s/event_summaries", "has_more": false, "data": []}"""
                .formatted(METER));
        json(get(urlPathEqualTo("/v1/invoices")), """
                {"object": "list", "url": "/v1/invoices", "has_more": false, "data": [
                  {"id": "in_1", "object": "invoice", "number": "CB-0001", "created": 1763000000, "total": 7900,
                   "currency": "usd", "status": "paid", "hosted_invoice_url": "https://invoice.stripe.test/i/in_1"}]}""");
    }

    /** What Stripe answers, from now on, when asked for this subscription. */
    public static void subscription(String id, String customerId, String status, String... priceIds) {
        long start = Instant.now().minusSeconds(86_400).getEpochSecond();
        long end = Instant.now().plusSeconds(29 * 86_400).getEpochSecond();
        StringBuilder items = new StringBuilder();
        for (String price : priceIds) {
            items.append(items.isEmpty() ? "" : ",").append("""
                    {"id": "si_%s", "object": "subscription_item", "current_period_start": %d, "current_period_end": %d,
                     "price": {"id": "%s", "object": "price"}}""".formatted(price, start, end, price));
        }
        json(get(urlPathEqualTo("/v1/subscriptions/" + id)).atPriority(1), """
                {"id": "%s", "object": "subscription", "customer": "%s", "status": "%s",
                 "items": {"object": "list", "has_more": false, "data": [%s]}}""".formatted(id, customerId, status, items));
    }

    /** What Stripe's meter summed for this customer, from now on. */
    public static void meterTotal(String customerId, long segments) {
        json(get(urlPathEqualTo("/v1/billing/meters/" + METER + "/event_summaries"))
                .withQueryParam("customer", com.github.tomakehurst.wiremock.client.WireMock.equalTo(customerId))
                .atPriority(1), """
                {"object": "list", "url": "/v1/billing/meters/%s/event_summaries", "has_more": false, "data": [
                  {"id": "mtrusg_1", "object": "billing.meter_event_summary", "aggregated_value": %d, "meter": "%s",
                   "start_time": 1764000000, "end_time": 1764003600, "livemode": false}]}"""
                .formatted(METER, segments, METER));
    }

    /** Makes every call to this path fail with Stripe's 500 until reset. */
    public static void failing(String path) {
        server.stubFor(post(urlPathMatching(path)).atPriority(1).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"type\": \"api_error\", \"message\": \"Stripe is down\"}}")));
    }

    private static void json(com.github.tomakehurst.wiremock.client.MappingBuilder mapping, String body) {
        server.stubFor(mapping.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(body)));
    }

    /** Puts the tests' Stripe price ids on the plans, as an operator does by hand (the application may not). */
    public static void pricePlans() {
        var config = ConfigProvider.getConfig();
        try (Connection c = DriverManager.getConnection(config.getValue("DB_URL", String.class),
                config.getValue("DB_MIGRATION_USER", String.class), config.getValue("DB_MIGRATION_PASSWORD", String.class));
                var s = c.createStatement()) {
            s.executeUpdate("update plans set stripe_price_id = 'price_' || code || '_flat', "
                    + "stripe_metered_price_id = 'price_' || code || '_segments'");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Takes one plan off sale (no Stripe price), until {@link #pricePlans} puts it back. */
    public static void unpricePlan(String code) {
        var config = ConfigProvider.getConfig();
        try (Connection c = DriverManager.getConnection(config.getValue("DB_URL", String.class),
                config.getValue("DB_MIGRATION_USER", String.class), config.getValue("DB_MIGRATION_PASSWORD", String.class));
                var s = c.prepareStatement("update plans set stripe_price_id = null, stripe_metered_price_id = null "
                        + "where code = ?")) {
            s.setString(1, code);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
