package com.callaback.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.callaback.contacts.Direction;
import com.callaback.contacts.Interaction;
import com.callaback.contacts.InteractionStatus;
import com.callaback.contacts.InteractionType;
import com.callaback.contacts.Lead;
import com.callaback.support.Fixtures;
import com.callaback.support.TwilioCalls;
import com.callaback.support.TwilioWebhooks;
import com.callaback.tenant.TenantScope;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/**
 * Outgoing webhooks against a local receiver: events are written with the transaction that records them (and vanish
 * with its rollback), delivered signed after commit, retried after a 500, never redirected, never sent to another
 * business, and purged once finished and older than the retention.
 */
@QuarkusTest
class OutgoingWebhooksTest {

    private static final Pattern SECRET = Pattern.compile("data-webhook-secret>(whsec_[A-Za-z0-9_-]+)<");

    @Inject
    Fixtures fixtures;
    @Inject
    TenantScope scope;
    @Inject
    WebhookDispatcher dispatcher;
    @Inject
    ApiKeyFixtures apiKeys;
    @Inject
    WebhookService webhooks;
    @Inject
    ApiPruning pruning;
    @Inject
    jakarta.persistence.EntityManager em;

    private WireMockServer receiver;

    @BeforeEach
    void startReceiver() {
        while (dispatcher.deliverDue("drain-before-test") > 0) {
            // deliver what earlier tests left due
        }
        receiver = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop();
    }

    @Test
    @TestSecurity(user = "webhooks-admin")
    void aMissedCallIsDeliveredSignedAndRetriedAfterA500() throws Exception {
        UUID business = fixtures.business("Webhook Tiles");
        UUID quiet = fixtures.business("Webhook Quiet Tiles");
        fixtures.member(business, "webhooks-admin", "admin");
        receiver.stubFor(post(urlEqualTo("/hook")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("recovered"));
        receiver.stubFor(post(urlEqualTo("/hook")).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(204)));

        String page = given().redirects().follow(false).formParam("url", receiver.baseUrl() + "/hook")
                .post("/settings/webhooks").then().statusCode(201).extract().asString();
        Matcher matcher = SECRET.matcher(page);
        assertThat(matcher.find()).as("the secret is shown once").isTrue();
        String secret = matcher.group(1);
        given().get("/settings/webhooks").then().statusCode(200)
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(secret)));

        UUID contact = fixtures.contact(business, "+13125550191", "Cal");
        UUID call = missedCall(business, contact);
        missedCall(quiet, fixtures.contact(quiet, "+13125550192", "Quinn"));
        scope.run(quiet, () -> assertThat(WebhookDelivery.count()).isZero());

        assertThat(dispatcher.deliverDue("webhook-test")).isZero();
        WebhookDelivery first = delivery(business);
        assertThat(first.status).isEqualTo("pending");
        assertThat(first.attempts).isOne();
        assertThat(first.lastStatusCode).isEqualTo(500);
        assertThat(first.nextAttemptAt).isAfter(Instant.now());

        scope.run(business, () -> WebhookDelivery.update("nextAttemptAt = ?1", Instant.now().minusSeconds(1)));
        assertThat(dispatcher.deliverDue("webhook-test")).isOne();
        WebhookDelivery done = delivery(business);
        assertThat(done.status).isEqualTo("delivered");
        assertThat(done.attempts).isEqualTo(2);

        List<LoggedRequest> requests = receiver.findAll(postRequestedFor(urlEqualTo("/hook")));
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).getBodyAsString()).isEqualTo(requests.get(1).getBodyAsString());
        for (LoggedRequest request : requests) {
            assertThat(request.getHeader("Callaback-Event")).isEqualTo("call.missed");
            assertThat(request.getHeader("Callaback-Delivery")).isEqualTo(done.id.toString());
            assertSigned(request, secret);
        }
        JsonNode event = new ObjectMapper().readTree(requests.get(1).getBodyAsString());
        assertThat(event.get("type").asText()).isEqualTo("call.missed");
        assertThat(event.at("/data/interaction/id").asText()).isEqualTo(call.toString());
        assertThat(event.at("/data/contact/phone").asText()).isEqualTo("+13125550191");
    }

    @Test
    @TestSecurity(user = "webhooks-admin-2")
    void repliesAndLeadMovesAreEventsAndARolledBackEventIsNot() {
        UUID business = fixtures.business("Webhook Gutters");
        fixtures.member(business, "webhooks-admin-2", "admin");
        receiver.stubFor(post(urlEqualTo("/events")).willReturn(aResponse().withStatus(200)));
        given().redirects().follow(false).formParam("url", receiver.baseUrl() + "/events").post("/settings/webhooks")
                .then().statusCode(201);
        given().redirects().follow(false).formParam("url", "ftp://example.com/x").post("/settings/webhooks")
                .then().statusCode(400).body(org.hamcrest.Matchers.containsString("https URL"));

        UUID contact = fixtures.contact(business, "+13125550193", "Rhea");
        UUID lead = scope.call(business, () -> {
            Lead l = new Lead();
            l.contactId = contact;
            l.persist();
            Interaction reply = new Interaction();
            reply.contactId = contact;
            reply.type = InteractionType.SMS;
            reply.direction = Direction.INBOUND;
            reply.body = "Yes please";
            reply.persist();
            return l.id;
        });
        String key = apiKeys.key(business, true);
        ApiKeyFixtures.as(key).body(Map.of("status", "qualified")).post("/api/leads/" + lead + "/move").then()
                .statusCode(200);
        assertThatThrownBy(() -> scope.run(business, () -> {
            missedCallIn(contact);
            throw new IllegalStateException("roll back");
        })).hasMessageContaining("roll back");

        assertThat(dispatcher.deliverDue("webhook-test")).isEqualTo(2);
        List<String> events = receiver.findAll(postRequestedFor(urlEqualTo("/events"))).stream()
                .map(r -> r.getHeader("Callaback-Event")).sorted().toList();
        assertThat(events).containsExactly("lead.moved", "message.received");
        receiver.verify(postRequestedFor(urlEqualTo("/events")).withHeader("Callaback-Event", equalTo("lead.moved"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("\"to\": \"qualified\"")));
    }

    @Test
    void theTwilioMissedCallFlowAnnouncesTheCallTheReplyAndTheLeadMove() {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Webhook Flow Locksmith", true);
        receiver.stubFor(post(urlEqualTo("/flow")).willReturn(aResponse().withStatus(200)));
        scope.run(shop.tenantId(), () -> webhooks.register(receiver.baseUrl() + "/flow", null));
        TwilioWebhooks twilio = new TwilioWebhooks();
        String callSid = TwilioCalls.callSid();
        String caller = "+13125550194";
        twilio.post("/api/twilio/incoming-call", shop.authToken(), TwilioCalls.incomingCall(shop, callSid, caller))
                .then().statusCode(200);
        twilio.post("/api/twilio/dial-status", shop.authToken(), TwilioCalls.dialStatus(shop, callSid, caller, "no-answer"))
                .then().statusCode(200);
        twilio.post("/api/twilio/incoming-sms", shop.authToken(),
                TwilioCalls.incomingSms(shop, TwilioCalls.messageSid(), caller, "Can you come today?")).then()
                .statusCode(200);

        assertThat(dispatcher.deliverDue("webhook-test")).isEqualTo(3);
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/flow"))).stream()
                .map(r -> r.getHeader("Callaback-Event")).toList())
                .containsExactlyInAnyOrder("call.missed", "message.received", "lead.moved");
    }

    @Test
    @TestSecurity(user = "webhooks-member")
    void aMemberCannotManageWebhooksAndNoOneRemovesAnotherBusinesssEndpoint() {
        UUID business = fixtures.business("Webhook Member Pottery");
        UUID other = fixtures.business("Webhook Other Pottery");
        fixtures.member(business, "webhooks-member", "member");
        UUID theirs = scope.call(other, () -> webhooks.register("https://example.com/theirs", null).endpoint().id);
        given().redirects().follow(false).get("/settings/webhooks").then().statusCode(403);
        given().redirects().follow(false).formParam("url", "https://example.com/mine").post("/settings/webhooks")
                .then().statusCode(403);
        given().redirects().follow(false).post("/settings/webhooks/" + theirs + "/remove").then().statusCode(403);
        scope.run(business, () -> assertThat(WebhookEndpoint.count()).isZero());
        scope.run(other, () -> assertThat(WebhookEndpoint.<WebhookEndpoint>findById(theirs).active()).isTrue());
    }

    @Test
    @TestSecurity(user = "webhooks-cross-admin")
    void anAdminCannotRemoveAnotherBusinesssEndpoint() {
        UUID business = fixtures.business("Webhook Admin Glass");
        UUID other = fixtures.business("Webhook Rival Glass");
        fixtures.member(business, "webhooks-cross-admin", "admin");
        UUID theirs = scope.call(other, () -> webhooks.register("https://example.com/rival", null).endpoint().id);
        given().redirects().follow(false).post("/settings/webhooks/" + theirs + "/remove").then().statusCode(404);
        scope.run(other, () -> assertThat(WebhookEndpoint.<WebhookEndpoint>findById(theirs).active()).isTrue());
    }

    @Test
    void aRedirectIsNotFollowed() {
        UUID business = fixtures.business("Webhook Redirect Awnings");
        receiver.stubFor(post(urlEqualTo("/moved")).willReturn(aResponse().withStatus(307)
                .withHeader("Location", receiver.baseUrl() + "/elsewhere")));
        receiver.stubFor(post(urlEqualTo("/elsewhere")).willReturn(aResponse().withStatus(204)));
        scope.run(business, () -> webhooks.register(receiver.baseUrl() + "/moved", null));
        missedCall(business, fixtures.contact(business, Fixtures.randomPhone(), null));

        assertThat(dispatcher.deliverDue("webhook-test")).isZero();
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/elsewhere")))).as("the redirect's target").isEmpty();
        WebhookDelivery delivery = delivery(business);
        assertThat(delivery.status).isEqualTo("pending");
        assertThat(delivery.lastStatusCode).isEqualTo(307);
    }

    @Test
    void finishedDeliveriesOlderThanTheRetentionArePurgedAndNothingElse() {
        UUID business = fixtures.business("Webhook Purge Fences");
        UUID other = fixtures.business("Webhook Purge Other Fences");
        UUID endpoint = scope.call(business, () -> webhooks.register("https://example.com/purge", null).endpoint().id);
        UUID otherEndpoint = scope.call(other, () -> webhooks.register("https://example.com/purge-other", null)
                .endpoint().id);
        UUID oldDelivered = delivery(business, endpoint, "delivered", 31);
        UUID oldFailed = delivery(business, endpoint, "failed", 40);
        UUID oldPending = delivery(business, endpoint, "pending", 40);
        UUID oldSending = delivery(business, endpoint, "sending", 40);
        UUID recentDelivered = delivery(business, endpoint, "delivered", 29);
        UUID otherOldDelivered = delivery(other, otherEndpoint, "delivered", 31);

        ApiPruning.Pruned pruned = pruning.prune();

        assertThat(pruned.deliveries()).isGreaterThanOrEqualTo(3);
        List<UUID> left = scope.call(business, () -> WebhookDelivery.<WebhookDelivery>listAll().stream()
                .map(d -> d.id).toList());
        assertThat(left).as("still due, being sent, or younger than 30 days")
                .containsExactlyInAnyOrder(oldPending, oldSending, recentDelivered)
                .doesNotContain(oldDelivered, oldFailed);
        scope.run(other, () -> assertThat(WebhookDelivery.<WebhookDelivery>findById(otherOldDelivered)).isNull());
    }

    private UUID delivery(UUID business, UUID endpoint, String status, int daysAgo) {
        UUID id = UUID.randomUUID();
        scope.run(business, () -> em.createNativeQuery("insert into webhook_deliveries (tenant_id, id, endpoint_id,"
                + " event_type, payload, status, created_at) values (current_tenant_id(), ?1, ?2, 'call.missed', '{}',"
                + " ?3, now() - make_interval(days => ?4))").setParameter(1, id).setParameter(2, endpoint)
                .setParameter(3, status).setParameter(4, daysAgo).executeUpdate());
        return id;
    }

    private static void assertSigned(LoggedRequest request, String secret) {
        String header = request.getHeader(WebhookSignature.HEADER);
        Matcher parts = Pattern.compile("t=(\\d+),v1=([0-9a-f]{64})").matcher(header);
        assertThat(parts.matches()).as(header).isTrue();
        long t = Long.parseLong(parts.group(1));
        assertThat(t).isBetween(Instant.now().getEpochSecond() - 60, Instant.now().getEpochSecond() + 1);
        assertThat(parts.group(2)).isEqualTo(WebhookSignature.hmac(secret, t + "." + request.getBodyAsString()));
        assertThat(parts.group(2)).isNotEqualTo(WebhookSignature.hmac("whsec_wrong", t + "." + request.getBodyAsString()));
    }

    private WebhookDelivery delivery(UUID business) {
        return scope.call(business, () -> {
            List<WebhookDelivery> all = WebhookDelivery.listAll();
            assertThat(all).hasSize(1);
            return all.get(0);
        });
    }

    /** As the call flow records it: ringing first, then marked missed when the dial ends unanswered. */
    private UUID missedCall(UUID business, UUID contact) {
        UUID id = scope.call(business, () -> {
            Interaction call = new Interaction();
            call.contactId = contact;
            call.type = InteractionType.CALL;
            call.direction = Direction.INBOUND;
            call.status = InteractionStatus.RINGING;
            call.persist();
            return call.id;
        });
        scope.run(business, () -> Interaction.<Interaction>findById(id).status = InteractionStatus.MISSED);
        return id;
    }

    private static void missedCallIn(UUID contact) {
        Interaction call = new Interaction();
        call.contactId = contact;
        call.type = InteractionType.CALL;
        call.direction = Direction.INBOUND;
        call.status = InteractionStatus.MISSED;
        call.persist();
        Interaction.flush();
    }
}
