package com.callaback.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import com.callaback.contacts.Direction;
import com.callaback.contacts.Interaction;
import com.callaback.contacts.InteractionStatus;
import com.callaback.contacts.InteractionType;
import com.callaback.security.SecretBinding;
import com.callaback.security.SecretCipher;
import com.callaback.support.Fixtures;
import com.callaback.tenant.TenantScope;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;

/**
 * Webhooks go to public addresses only, as in production (the test switch that allows local receivers is off here):
 * a private URL is refused at registration, and a name that resolves to a private address by the time of delivery
 * (here {@code localhost}, registered as if it had been public) is not sent to.
 */
@QuarkusTest
@TestProfile(WebhookAddressTest.PublicOnly.class)
class WebhookAddressTest {

    /** The production rule: no plain http, no private addresses. */
    public static class PublicOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("callaback.api.webhooks.allow-insecure-urls", "false");
        }
    }

    @Inject
    Fixtures fixtures;
    @Inject
    TenantScope scope;
    @Inject
    WebhookDispatcher dispatcher;
    @Inject
    WebhookAddresses addresses;
    @Inject
    SecretCipher cipher;
    @Inject
    EntityManager em;

    @Test
    void privateLoopbackLinkLocalAndUniqueLocalAddressesArePrivate() throws Exception {
        for (String address : new String[] { "127.0.0.1", "10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254",
                "100.64.0.1", "0.0.0.0", "::1", "fe80::1", "fd12:3456::1", "::ffff:127.0.0.1", "224.0.0.1" }) {
            assertThat(WebhookAddresses.isPrivate(InetAddress.getByName(address))).as(address).isTrue();
        }
        for (String address : new String[] { "93.184.216.34", "8.8.8.8", "100.128.0.1", "2606:2800:220:1::1" }) {
            assertThat(WebhookAddresses.isPrivate(InetAddress.getByName(address))).as(address).isFalse();
        }
        assertThat(addresses.refusal("localhost")).contains("private address");
        assertThat(addresses.refusal("93.184.216.34")).isNull();
    }

    @Test
    @TestSecurity(user = "webhook-address-admin")
    void aPrivateUrlIsRefusedAtRegistration() {
        UUID business = fixtures.business("Webhook Address Plaster");
        fixtures.member(business, "webhook-address-admin", "admin");
        given().redirects().follow(false).formParam("tenant", business.toString()).post("/switch");
        given().redirects().follow(false).formParam("url", "https://localhost/hook").post("/settings/webhooks").then()
                .statusCode(400).body(org.hamcrest.Matchers.containsString("private address"));
        given().redirects().follow(false).formParam("url", "https://169.254.169.254/latest").post("/settings/webhooks")
                .then().statusCode(400);
        scope.run(business, () -> assertThat(WebhookEndpoint.count()).isZero());
    }

    @Test
    void aNameThatNowResolvesToAPrivateAddressIsNotSentTo() {
        WireMockServer receiver = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        receiver.start();
        try {
            receiver.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(204)));
            UUID business = fixtures.business("Webhook Address Drywall");
            // Registered when the name was public (the row as registration writes it); it resolves to loopback now.
            scope.run(business, () -> {
                WebhookEndpoint endpoint = new WebhookEndpoint();
                endpoint.url = "http://localhost:" + receiver.port() + "/hook";
                endpoint.id = UUID.randomUUID();
                endpoint.secretEncrypted = cipher.encrypt("whsec_test", SecretBinding.webhookSecret(business, endpoint.id));
                endpoint.persist();
            });
            UUID contact = fixtures.contact(business, Fixtures.randomPhone(), null);
            scope.run(business, () -> {
                Interaction call = new Interaction();
                call.contactId = contact;
                call.type = InteractionType.CALL;
                call.direction = Direction.INBOUND;
                call.status = InteractionStatus.MISSED;
                call.persist();
            });

            assertThat(dispatcher.deliverDue("webhook-address-test")).isZero();

            assertThat(receiver.findAll(anyRequestedFor(anyUrl()))).as("nothing reached the private address").isEmpty();
            WebhookDelivery delivery = scope.call(business, () -> WebhookDelivery.<WebhookDelivery>findAll().singleResult());
            assertThat(delivery.lastError).contains("Not sent", "private address", "127.0.0.1");
            assertThat(delivery.lastStatusCode).isNull();
            assertThat(delivery.status).as("retried later, in case the name resolves publicly again").isEqualTo("pending");
        } finally {
            receiver.stop();
        }
    }
}
