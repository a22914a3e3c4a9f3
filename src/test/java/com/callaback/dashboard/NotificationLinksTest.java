package com.callaback.dashboard;

import com.callaback.support.AsTenant;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.callaback.contacts.Contact;
import com.callaback.followups.FollowUp;
import com.callaback.messaging.OutboxDispatcher;
import com.callaback.support.Fixtures;
import com.callaback.support.TwilioCalls;
import com.callaback.support.TwilioStub;
import com.callaback.support.TwilioWebhooks;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantScope;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/**
 * Every kind of notification the app writes, produced by the real flows (signed webhooks, the dispatcher against
 * the Twilio stub), opened from the notifications page: each leads to a page that exists.
 */
@QuarkusTest
class NotificationLinksTest {

    /**
     * Pages built in parallel on other branches of issue 7: until they are merged here this test checks the exact
     * shape of their links only. Empty this list after merging, so every link is also opened and must answer 200.
     */
    private static final String CALLER = "+13125550141";

    @Inject
    Fixtures fixtures;
    @Inject
    TenantScope scope;
    @Inject
    OutboxDispatcher dispatcher;

    @BeforeEach
    void resetTwilio() {
        TwilioStub.resetForTest(dispatcher);
    }

    @Test
    @TestSecurity(user = "notif-links-owner")
    void everyNotificationLinkLeadsToAPageThatExists() {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Notif Links Roofing", true);
        fixtures.member(shop.tenantId(), "notif-links-owner", "owner");
        given().redirects().follow(false).formParam("tenant", shop.tenantId().toString()).post("/switch").then()
                .statusCode(303);
        TwilioWebhooks twilio = new TwilioWebhooks();

        // A missed call: missed_call and new_lead; its auto-text is then reported undelivered: send_failed.
        String callSid = TwilioCalls.callSid();
        twilio.post("/api/twilio/incoming-call", shop.authToken(), TwilioCalls.incomingCall(shop, callSid, CALLER))
                .then().statusCode(200);
        twilio.post("/api/twilio/dial-status", shop.authToken(), TwilioCalls.dialStatus(shop, callSid, CALLER,
                "no-answer")).then().statusCode(200);
        Map<String, String> recording = new LinkedHashMap<>(TwilioCalls.incomingCall(shop, callSid, CALLER));
        recording.put("RecordingSid", "RE" + "c".repeat(32));
        recording.put("RecordingUrl", "https://api.twilio.com/2010-04-01/Accounts/" + shop.accountSid()
                + "/Recordings/RE" + "c".repeat(32));
        recording.put("RecordingDuration", "9");
        twilio.post("/api/twilio/recording", shop.authToken(), recording).then().statusCode(204);
        assertThat(dispatcher.dispatchDue("links-worker")).isEqualTo(1);
        String autoTextSid = scope.call(shop.tenantId(),
                () -> FollowUp.<FollowUp>find("type", com.callaback.followups.FollowUpType.AUTO_SMS).firstResult().messageSid);
        Map<String, String> undelivered = TwilioCalls.status(shop, autoTextSid, "undelivered", CALLER);
        undelivered.put("ErrorCode", "30003");
        twilio.post("/api/twilio/status", shop.authToken(), undelivered).then().statusCode(204);

        // The customer replies, then opts out: sms_reply, opt_out.
        twilio.post("/api/twilio/incoming-sms", shop.authToken(), TwilioCalls.incomingSms(shop,
                TwilioCalls.messageSid(), CALLER, "Can you come fix the roof on Friday?")).then().statusCode(200);
        twilio.post("/api/twilio/incoming-sms", shop.authToken(), TwilioCalls.incomingSms(shop,
                TwilioCalls.messageSid(), CALLER, "STOP")).then().statusCode(200);
        UUID caller = scope.call(shop.tenantId(), () -> Contact.findByPhone(CALLER).orElseThrow().id);

        // Twilio refuses a text: send_failed. Billing and registration hold texts: text_held twice.
        UUID other = fixtures.contact(shop.tenantId(), "+13125550142", "Ida");
        TwilioStub.server().stubFor(post(urlEqualTo("/2010-04-01/Accounts/" + shop.accountSid() + "/Messages.json"))
                .atPriority(1).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\": 21211, \"message\": \"Invalid 'To' Phone Number\", \"status\": 400}")));
        scope.run(shop.tenantId(), () -> FollowUp.schedule(other, null, com.callaback.followups.FollowUpType.MANUAL_SMS, "Hi Ida", Instant.now()));
        dispatcher.dispatchDue("links-worker");
        UUID third = fixtures.contact(shop.tenantId(), "+13125550143", "Jo");
        holdTexts(shop.tenantId(), "past_due", "not_required");
        scope.run(shop.tenantId(), () -> FollowUp.schedule(third, null, com.callaback.followups.FollowUpType.MANUAL_SMS, "Hi Jo", Instant.now()));
        dispatcher.dispatchDue("links-worker");
        holdTexts(shop.tenantId(), "active", "pending");
        scope.run(shop.tenantId(), () -> FollowUp.schedule(third, null, com.callaback.followups.FollowUpType.MANUAL_SMS, "Hi again", Instant.now()));
        dispatcher.dispatchDue("links-worker");

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("missed_call", "/conversations/" + caller);
        expected.put("new_lead", "/leads");
        expected.put("voicemail", "/conversations/" + caller);
        expected.put("sms_reply", "/conversations/" + caller);
        expected.put("opt_out", "/contacts/" + caller);
        List<Notification> written = scope.call(shop.tenantId(), () -> Notification.list("order by createdAt"));
        assertThat(written).extracting(n -> n.type).contains("missed_call", "new_lead", "voicemail", "sms_reply",
                "opt_out", "send_failed", "text_held");
        assertThat(written).filteredOn(n -> n.type.equals("send_failed")).extracting(n -> n.link)
                .containsExactlyInAnyOrder("/conversations/" + caller, "/follow-ups");
        assertThat(written).filteredOn(n -> n.type.equals("text_held")).extracting(n -> n.link)
                .as("a billing hold is listed, with its reason, on the follow-ups page")
                .containsExactlyInAnyOrder("/follow-ups", "/settings/numbers");

        for (Notification notification : written) {
            if (expected.containsKey(notification.type)) {
                assertThat(notification.link).as(notification.type).isEqualTo(expected.get(notification.type));
            }
            String location = given().redirects().follow(false).get("/notifications/" + notification.id + "/open")
                    .then().statusCode(303).extract().header("Location");
            assertThat(location).as("opening %s", notification.type).endsWith(notification.link);
            assertThat(given().get(notification.link).statusCode()).as("the page %s links to", notification.type)
                    .isEqualTo(200);
        }
        assertThat(NotificationPageTest.badge(given().get("/notifications").then().statusCode(200).extract()
                .asString())).as("all opened").isEqualTo("hidden");
    }

    private static void holdTexts(UUID tenantId, String billingStatus, String complianceStatus) {
        AsTenant.run(tenantId, () -> {
            Tenant tenant = Tenant.findById(tenantId);
            tenant.billingStatus = billingStatus;
            tenant.complianceStatus = complianceStatus;
        });
    }
}
