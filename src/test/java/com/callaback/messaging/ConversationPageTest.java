package com.callaback.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.callaback.contacts.Contact;
import com.callaback.contacts.Direction;
import com.callaback.contacts.Interaction;
import com.callaback.contacts.InteractionType;
import com.callaback.contacts.Lead;
import com.callaback.followups.FollowUp;
import com.callaback.support.Fixtures;
import com.callaback.support.TwilioCalls;
import com.callaback.support.TwilioStub;
import com.callaback.support.TwilioWebhooks;
import com.callaback.tenant.TenantScope;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/** The inbox pages: threads with unread marks, a thread's timeline, replying through the outbox, categories. */
@QuarkusTest
class ConversationPageTest {

    private static final String ZONED_TIME = "(?s).*[A-Z][a-z]{2} \\d{1,2}, \\d{1,2}:\\d{2} [AP]M E[SD]T.*";

    @Inject
    Fixtures fixtures;
    @Inject
    TenantScope scope;
    @Inject
    OutboxDispatcher dispatcher;

    private final TwilioWebhooks twilio = new TwilioWebhooks();

    @BeforeEach
    void resetTwilio() {
        TwilioStub.resetForTest(dispatcher);
    }

    @Test
    @TestSecurity(user = "conv-owner")
    void threadsAreNewestFirstAndUnreadUntilSomeoneOpensThem() {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Conv Inbox Bakery", true);
        signIn(shop.tenantId(), "conv-owner", "owner");
        String caller = "+13125550171";
        String texter = "+13125550172";
        String callSid = voicemail(shop, caller);
        text(shop, texter, "Can I book Tuesday at 4?");
        UUID callerId = contactId(shop, caller);
        UUID texterId = contactId(shop, texter);

        String inbox = given().get("/conversations").then().statusCode(200).extract().asString();
        assertThat(inbox.indexOf("data-thread=\"" + texterId)).isPositive()
                .isLessThan(inbox.indexOf("data-thread=\"" + callerId));
        assertThat(inbox).contains("data-thread=\"" + texterId + "\" class=\"unread\" data-unread")
                .contains("data-thread=\"" + callerId + "\" class=\"unread\" data-unread")
                .contains("Can I book Tuesday at 4?").contains("Voicemail left (0:14)").contains("just now");

        given().get("/conversations/" + texterId).then().statusCode(200)
                .body(containsString("data-entry=\"text\" data-status=\"received\""),
                        containsString("Can I book Tuesday at 4?"), containsString("data-reply-form"),
                        matchesPattern(ZONED_TIME));
        // The open page polls its timeline: a new text shows up there, and stays unread for the team until
        // someone opens the thread (a background tab must not hide it).
        text(shop, texter, "Or Wednesday morning?");
        given().get("/conversations/" + texterId + "/timeline").then().statusCode(200)
                .body(containsString("<div id=\"timeline\" hx-get=\"/conversations/" + texterId + "/timeline\""),
                        containsString("Or Wednesday morning?"), not(containsString("<html")),
                        not(containsString("data-reply-form")));
        inbox = given().get("/conversations").then().statusCode(200).extract().asString();
        assertThat(inbox).contains("data-thread=\"" + texterId + "\" class=\"unread\" data-unread")
                .contains("data-thread=\"" + callerId + "\" class=\"unread\" data-unread");
        given().get("/conversations/" + texterId).then().statusCode(200);
        inbox = given().get("/conversations").then().statusCode(200).extract().asString();
        assertThat(inbox).contains("data-thread=\"" + texterId + "\">");

        given().get("/conversations/" + callerId).then().statusCode(200)
                .body(containsString("data-entry=\"call\" data-status=\"missed\""),
                        containsString("Voicemail left (0:14)"), containsString("Rang your forwarding phone"),
                        containsString("<audio controls preload=\"none\" src=\"https://api.twilio.com/2010-04-01/Accounts/"
                                + shop.accountSid() + "/Recordings/RE"),
                        containsString("data-entry=\"lead\""), containsString("Lead opened (New business)"),
                        containsString("Text scheduled"));
        scope.run(shop.tenantId(), () -> assertThat(Interaction.findByCallSid(callSid).orElseThrow().isMissed()).isTrue());
    }

    @Test
    @TestSecurity(user = "conv-member")
    void aMembersReplyIsQueuedAndReachesTwilioFromTheNumberTheCustomerTexted() {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Conv Reply Garage", true);
        signIn(shop.tenantId(), "conv-member", "member");
        String texter = "+13125550173";
        text(shop, texter, "Is my car ready?");
        UUID contact = contactId(shop, texter);

        given().redirects().follow(false).formParam("body", "  Yes, pick it up after 5.  ")
                .post("/conversations/" + contact + "/reply").then().statusCode(303)
                .header("Location", containsString("/conversations/" + contact));
        scope.run(shop.tenantId(), () -> {
            FollowUp queued = FollowUp.find("contactId = ?1 and type = 'manual_sms'", contact).firstResult();
            assertThat(queued.body).isEqualTo("Yes, pick it up after 5.");
            assertThat(queued.phoneNumberId).isEqualTo(shop.numberId());
            assertThat(queued.createdBy).isEqualTo(fixtures.user("conv-member"));
        });

        assertThat(dispatcher.dispatchDue("conv-worker")).isEqualTo(1);
        List<LoggedRequest> sent = TwilioStub.server().findAll(postRequestedFor(
                urlEqualTo("/2010-04-01/Accounts/" + shop.accountSid() + "/Messages.json")));
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).getBodyAsString()).contains("pick+it+up+after+5")
                .contains("From=" + shop.number().replace("+", "%2B"));
        given().get("/conversations/" + contact).then().statusCode(200)
                .body(containsString("Text sent (by your team)"), containsString("Yes, pick it up after 5."),
                        containsString("Queued at the carrier"));

        // htmx swaps the thread only; a bad reply keeps what was typed and says why, beside the box.
        given().header("HX-Request", "true").formParam("body", "Thanks!").post("/conversations/" + contact + "/reply")
                .then().statusCode(200)
                .body(containsString("id=\"thread\""), containsString("data-queued"), not(containsString("<html")));
        given().header("HX-Request", "true").formParam("body", "   ").post("/conversations/" + contact + "/reply")
                .then().statusCode(200).body(containsString("Write the text to send."), not(containsString("<html")),
                        not(containsString("data-queued")));
        String tooLong = "x".repeat(1601);
        given().formParam("body", tooLong).post("/conversations/" + contact + "/reply").then().statusCode(400)
                .body(containsString("Use at most 1600 characters."), containsString(">" + tooLong + "</textarea>"),
                        containsString("<html"));
        scope.run(shop.tenantId(), () -> assertThat(FollowUp.count("contactId = ?1 and type = 'manual_sms'", contact))
                .isEqualTo(2));
    }

    @Test
    @TestSecurity(user = "conv-delivery")
    void theTimelineSaysInPlainWordsWhyATextWasNotDeliveredOrIsHeld() {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Conv Delivery Movers", true);
        signIn(shop.tenantId(), "conv-delivery", "member");
        String texter = "+13125550177";
        text(shop, texter, "How much for a two bedroom move?");
        UUID contact = contactId(shop, texter);
        given().redirects().follow(false).formParam("body", "About $900").post("/conversations/" + contact + "/reply")
                .then().statusCode(303);
        assertThat(dispatcher.dispatchDue("conv-delivery-worker")).isEqualTo(1);
        String sid = scope.call(shop.tenantId(), () -> FollowUp.<FollowUp>find("contactId", contact).singleResult().messageSid);
        Map<String, String> callback = TwilioCalls.status(shop, sid, "undelivered", texter);
        callback.put("ErrorCode", "30003");
        twilio.post("/api/twilio/status", shop.authToken(), callback).then().statusCode(204);

        given().get("/conversations/" + contact).then().statusCode(200)
                .body(containsString("data-entry=\"text\" data-status=\"undelivered\" class=\"out problem\""),
                        containsString("Not delivered. The phone was switched off or out of coverage. Try again later or call them."));

        com.callaback.support.AsTenant.run(shop.tenantId(), () ->
                com.callaback.tenant.Tenant.<com.callaback.tenant.Tenant>findById(shop.tenantId()).complianceStatus = "pending");
        given().redirects().follow(false).formParam("body", "Still interested?").post("/conversations/" + contact + "/reply")
                .then().statusCode(303);
        assertThat(dispatcher.dispatchDue("conv-delivery-worker")).isZero();
        given().get("/conversations/" + contact).then().statusCode(200)
                .body(containsString("Text on hold"), containsString("Still interested?"),
                        containsString("US carriers are still reviewing your texting registration (A2P 10DLC)."));
    }

    @Test
    @TestSecurity(user = "conv-opted-out")
    void anOptedOutContactHasNoReplyBoxAndCannotBeTexted() {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Conv Opt Out Dentist", true);
        signIn(shop.tenantId(), "conv-opted-out", "member");
        String texter = "+13125550174";
        text(shop, texter, "STOP");
        UUID contact = contactId(shop, texter);

        given().get("/conversations/" + contact).then().statusCode(200)
                .body(containsString("data-opted-out"), containsString("Only their own START reply"),
                        not(containsString("data-reply-form")));
        given().formParam("body", "Please come back").post("/conversations/" + contact + "/reply").then()
                .statusCode(409).body(containsString("opted out of texts"), containsString("START"));
        scope.run(shop.tenantId(), () -> assertThat(FollowUp.count("contactId", contact)).isZero());
    }

    @Test
    @TestSecurity(user = "conv-categoriser")
    void theCategoryIsShownAndCanBeOverridden() {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Conv Category Spa", true);
        signIn(shop.tenantId(), "conv-categoriser", "member");
        String texter = "+13125550175";
        text(shop, texter, "I'd like to book an appointment for a massage");
        UUID contact = contactId(shop, texter);
        given().get("/conversations/" + contact).then().statusCode(200)
                .body(containsString("<strong data-category=\"APPT\">Appointment</strong>"));

        given().redirects().follow(false).formParam("category", "callback")
                .post("/conversations/" + contact + "/category").then().statusCode(303);
        given().get("/conversations/" + contact).then().statusCode(200)
                .body(containsString("<strong data-category=\"CALLBACK\">Wants a call back</strong>"));
        given().formParam("category", "URGENT").post("/conversations/" + contact + "/category").then().statusCode(400)
                .body(containsString("Choose LEAD, APPT or CALLBACK."));
        scope.run(shop.tenantId(), () -> {
            Interaction text = Interaction.find("contactId", contact).firstResult();
            assertThat(text.category).isEqualTo("CALLBACK");
            assertThat(text.categoryOverridden).isTrue();
            assertThat(String.valueOf(Lead.findOpenFor(contact).orElseThrow().category)).isEqualTo("CALLBACK");
        });
    }

    @Test
    @TestSecurity(user = "conv-pager")
    void threadsArePaged() {
        UUID tenant = fixtures.business("Conv Paging Plumbers");
        signIn(tenant, "conv-pager", "member");
        for (int n = 0; n < 27; n++) {
            UUID contact = fixtures.contact(tenant, "+1312555" + (2000 + n), "Paged " + n);
            int minutesAgo = n;
            scope.run(tenant, () -> {
                Interaction i = new Interaction();
                i.contactId = contact;
                i.type = InteractionType.SMS;
                i.direction = Direction.INBOUND;
                i.body = "Message " + minutesAgo;
                i.occurredAt = java.time.Instant.now().minusSeconds(60L * minutesAgo);
                i.persist();
            });
        }
        String first = given().get("/conversations").then().statusCode(200).extract().asString();
        assertThat(first.split("data-thread=\"", -1)).hasSize(26);
        assertThat(first).contains("Paged 0").contains("Paged 24").doesNotContain("Paged 25")
                .contains("href=\"/conversations?page=2\" rel=\"next\"");
        String second = given().queryParam("page", 2).get("/conversations").then().statusCode(200).extract().asString();
        assertThat(second.split("data-thread=\"", -1)).hasSize(3);
        assertThat(second).contains("Paged 25").contains("Paged 26").contains("rel=\"prev\"").doesNotContain("rel=\"next\"");
    }

    @Test
    @TestSecurity(user = "conv-outsider")
    void anotherBusinesssThreadIsNotFoundAndUnchanged() {
        Fixtures.TwilioBusiness theirs = fixtures.twilioBusiness("Conv Their Florist", true);
        UUID mine = fixtures.business("Conv My Florist");
        signIn(mine, "conv-outsider", "owner");
        String texter = "+13125550176";
        text(theirs, texter, "Do you deliver on Sunday?");
        UUID contact = contactId(theirs, texter);

        given().get("/conversations/" + contact).then().statusCode(404)
                .body(not(containsString("Do you deliver on Sunday?")));
        given().formParam("body", "Hello").post("/conversations/" + contact + "/reply").then().statusCode(404);
        given().get("/conversations/" + contact + "/timeline").then().statusCode(404);
        given().formParam("category", "APPT").post("/conversations/" + contact + "/category").then().statusCode(404);
        given().get("/conversations/not-a-uuid").then().statusCode(404);
        given().get("/conversations").then().statusCode(200).body(not(containsString(contact.toString())));

        scope.run(theirs.tenantId(), () -> {
            Contact c = Contact.findById(contact);
            assertThat(c.isUnread()).isTrue();
            assertThat(FollowUp.count("contactId = ?1 and type = 'manual_sms'", contact)).isZero();
            assertThat(Interaction.<Interaction>find("contactId", contact).firstResult().categoryOverridden).isFalse();
        });
    }

    private void signIn(UUID tenantId, String subject, String role) {
        fixtures.member(tenantId, subject, role);
        given().redirects().follow(false).formParam("tenant", tenantId.toString()).post("/switch").then().statusCode(303);
    }

    private void text(Fixtures.TwilioBusiness shop, String from, String body) {
        twilio.post("/api/twilio/incoming-sms", shop.authToken(),
                TwilioCalls.incomingSms(shop, TwilioCalls.messageSid(), from, body)).then().statusCode(200);
    }

    /** A call nobody answers, then a 14-second voicemail. */
    private String voicemail(Fixtures.TwilioBusiness shop, String from) {
        String callSid = TwilioCalls.callSid();
        twilio.post("/api/twilio/incoming-call", shop.authToken(), TwilioCalls.incomingCall(shop, callSid, from))
                .then().statusCode(200);
        twilio.post("/api/twilio/dial-status", shop.authToken(), TwilioCalls.dialStatus(shop, callSid, from, "no-answer"))
                .then().statusCode(200);
        Map<String, String> recording = new LinkedHashMap<>();
        recording.put("AccountSid", shop.accountSid());
        recording.put("CallSid", callSid);
        recording.put("RecordingSid", "RE" + "c".repeat(32));
        recording.put("RecordingUrl", "https://api.twilio.com/2010-04-01/Accounts/" + shop.accountSid()
                + "/Recordings/RE" + "c".repeat(32));
        recording.put("RecordingStatus", "completed");
        recording.put("RecordingDuration", "14");
        twilio.post("/api/twilio/recording", shop.authToken(), recording).then().statusCode(204);
        return callSid;
    }

    private UUID contactId(Fixtures.TwilioBusiness shop, String phone) {
        return scope.call(shop.tenantId(), () -> Contact.findByPhone(phone).orElseThrow().id);
    }
}
