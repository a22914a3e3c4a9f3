package com.callaback.dashboard;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.callaback.dashboard.alert.AlertDelivery;
import com.callaback.dashboard.alert.AlertDispatcher;
import com.callaback.dashboard.alert.AlertService;
import com.callaback.identity.User;
import com.callaback.messaging.OutboxDispatcher;
import com.callaback.support.Fixtures;
import com.callaback.support.TwilioStub;
import com.callaback.tenant.TenantScope;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/**
 * Alerts outside the app, driven by hand: one mail per person per round (a digest when several arrived), each
 * person's own choices, one text to the forwarding phone through the Twilio stub, and never the same alert twice.
 */
@QuarkusTest
class AlertDispatcherTest {

    @Inject
    Fixtures fixtures;
    @Inject
    TenantScope scope;
    @Inject
    AlertDispatcher alerts;
    @Inject
    AlertService alertService;
    @Inject
    OutboxDispatcher dispatcher;
    @Inject
    MockMailbox mailbox;
    @Inject
    EntityManager em;

    @BeforeEach
    void startClean() {
        TwilioStub.resetForTest(dispatcher);
        drainAlerts("drain-before-test");
        mailbox.clear();
        TwilioStub.resetToDefaults();
    }

    @Test
    void threeNotificationsAtOnceAreOneDigestMailAndASecondRoundSendsNothing() {
        UUID shop = business("Alert Digest Bakery", "alert-digest-owner");
        raise(shop, "missed_call", "Missed call from Ann", "/leads");
        raise(shop, "sms_reply", "Ben replied (LEAD)", "/leads");
        raise(shop, "send_failed", "A text to Cy could not be sent", "/follow-ups");

        drainAlerts("digest-worker");

        List<Mail> mails = mailbox.getMailsSentTo(email("alert-digest-owner"));
        assertThat(mails).hasSize(1);
        Mail digest = mails.get(0);
        assertThat(digest.getSubject()).isEqualTo("3 new notifications · Alert Digest Bakery");
        assertThat(digest.getText()).contains("Missed call from Ann", "Ben replied (LEAD)",
                "A text to Cy could not be sent", "http://localhost:8080/notifications/", "/open");
        scope.run(shop, () -> {
            AlertDelivery delivery = AlertDelivery.find("destination", email("alert-digest-owner")).firstResult();
            assertThat(delivery.status).isEqualTo(AlertDelivery.Status.SENT);
            assertThat(delivery.notificationIds).hasSize(3);
        });

        assertThat(alerts.deliverDue("digest-worker")).isZero();
        raise(shop, "voicemail", "New voicemail from Ann", "/leads");
        drainAlerts("digest-worker");
        mails = mailbox.getMailsSentTo(email("alert-digest-owner"));
        assertThat(mails).as("only the new one, as itself").hasSize(2);
        assertThat(mails.get(1).getSubject()).isEqualTo("New voicemail from Ann · Alert Digest Bakery");
        assertThat(mails.get(1).getText()).doesNotContain("Missed call from Ann");
    }

    @Test
    void eachPersonsChoicesDecideWhatTheyAreMailed() {
        UUID shop = business("Alert Choice Garage", "alert-choice-owner");
        fixtures.member(shop, "alert-choice-quiet", "member");
        fixtures.member(shop, "alert-choice-calls", "member");
        fixtures.member(shop, "alert-choice-noemail", "member");
        choose(shop, "alert-choice-quiet", false, false, true, true, true);
        choose(shop, "alert-choice-calls", true, false, true, false, false);
        fixtures.asUser("alert-choice-noemail", user -> user.email = null);
        UUID owner = fixtures.user("alert-choice-owner");
        raise(shop, "missed_call", "Missed call from Eve", "/leads");
        raise(shop, "sms_reply", "Fay replied (LEAD)", "/leads");
        scope.run(shop, () -> Notification.raise("system", "Only the owner hears this", null, "/settings/numbers")
                .userId = owner);

        drainAlerts("choice-worker");

        assertThat(mailbox.getMailsSentTo(email("alert-choice-quiet"))).as("email off").isEmpty();
        List<Mail> callsOnly = mailbox.getMailsSentTo(email("alert-choice-calls"));
        assertThat(callsOnly).hasSize(1);
        assertThat(callsOnly.get(0).getSubject()).isEqualTo("Missed call from Eve · Alert Choice Garage");
        assertThat(callsOnly.get(0).getText()).as("not another person's notification")
                .doesNotContain("Only the owner hears");
        List<Mail> ownerMails = mailbox.getMailsSentTo(email("alert-choice-owner"));
        assertThat(ownerMails).hasSize(1);
        assertThat(ownerMails.get(0).getText()).contains("Missed call from Eve", "Fay replied", "Only the owner hears");
        UUID noEmail = fixtures.user("alert-choice-noemail");
        scope.run(shop, () -> assertThat(AlertDelivery.count("userId", noEmail)).as("no email, no mail").isZero());
        assertThat(mailbox.getTotalMessagesSent()).isEqualTo(2);
    }

    @Test
    void aTextAlertGoesOnceToTheForwardingPhoneFromTheBusinessNumber() {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Alert Text Plumbing", true);
        fixtures.member(shop.tenantId(), "alert-text-owner", "owner");
        fixtures.member(shop.tenantId(), "alert-text-member", "member");
        choose(shop.tenantId(), "alert-text-owner", false, true, true, true, true);
        choose(shop.tenantId(), "alert-text-member", true, true, true, true, true);
        UUID id = raise(shop.tenantId(), "missed_call", "Missed call from Gil", "/leads");

        drainAlerts("text-worker");
        drainAlerts("text-worker");

        List<LoggedRequest> texts = TwilioStub.server().findAll(postRequestedFor(
                urlEqualTo("/2010-04-01/Accounts/" + shop.accountSid() + "/Messages.json")));
        assertThat(texts).as("two people want texts, the one phone gets one").hasSize(1);
        Map<String, String> form = form(texts.get(0).getBodyAsString());
        assertThat(form).containsEntry("To", "+13125550100").containsEntry("From", shop.number())
                .containsEntry("Body", "Alert Text Plumbing: Missed call from Gil. http://localhost:8080/notifications/"
                        + id + "/open")
                .doesNotContainKey("StatusCallback");
        assertThat(mailbox.getMailsSentTo(email("alert-text-owner"))).isEmpty();
        assertThat(mailbox.getMailsSentTo(email("alert-text-member"))).hasSize(1);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = { "null, 10, 120", "'w', 0, 120", "'w', 100000, 120",
            "'w', 10, 0", "'w', 10, -5", "'', 10, 120" })
    void theClaimFunctionsRefuseArgumentsThatWouldBurnOrGrabEveryone(String arguments) {
        for (String function : List.of("claim_due_alerts", "claim_due_follow_ups")) {
            assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "select * from " + function + "(" + arguments + ")").getResultList()))
                    .as("%s(%s)", function, arguments).hasStackTraceContaining("must be");
        }
    }

    @Test
    void aSecondReplicaNeverSendsTheSameAlertTwice() {
        UUID shop = business("Alert Replica Spa", "alert-replica-owner");
        UUID id = raise(shop, "missed_call", "Missed call from Hal", "/leads");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "select * from claim_due_alerts('replica-a', 1000, 120)").getResultList());

        assertThat(alerts.deliverDue("replica-b")).as("claimed by replica a, skipped").isZero();
        assertThat(mailbox.getMailsSentTo(email("alert-replica-owner"))).isEmpty();

        // Replica a died: its lease runs out and b takes over.
        scope.run(shop, () -> em.createNativeQuery("update notifications set alert_lease_until = now() - "
                + "interval '1 second' where id = ?1").setParameter(1, id).executeUpdate());
        drainAlerts("replica-b");
        assertThat(mailbox.getMailsSentTo(email("alert-replica-owner"))).hasSize(1);

        assertThat(scope.call(shop, () -> alertService.prepare(List.of(id), "replica-a")))
                .as("replica a comes back: nothing of it is left to send").isEmpty();
        drainAlerts("replica-a");
        assertThat(mailbox.getMailsSentTo(email("alert-replica-owner"))).hasSize(1);
    }

    @Test
    @TestSecurity(user = "alert-prefs-member")
    void preferencesAreEachPersonsOwnAndEditedOnTheirPage() {
        UUID shop = business("Alert Prefs Dental", "alert-prefs-owner");
        fixtures.member(shop, "alert-prefs-member", "member");
        given().redirects().follow(false).formParam("tenant", shop.toString()).post("/switch").then().statusCode(303);

        given().get("/notifications/preferences").then().statusCode(200)
                .body(containsString("Email to alert-prefs-member@example.com"),
                        containsString("name=\"emailAlerts\" value=\"true\" checked"),
                        containsString("data-texts-admin-only"), not(containsString("name=\"textAlerts\"")));
        given().redirects().follow(false).formParam("textAlerts", "true").formParam("replies", "true")
                .post("/notifications/preferences").then().statusCode(400)
                .body(containsString("Only admins and owners can have alerts texted"));
        given().redirects().follow(false).formParam("replies", "true")
                .post("/notifications/preferences").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/notifications/preferences?saved=true"));
        given().get("/notifications/preferences?saved=true").then().statusCode(200)
                .body(containsString("data-saved"), containsString("name=\"emailAlerts\" value=\"true\">"),
                        containsString("name=\"calls\" value=\"true\">"),
                        containsString("name=\"replies\" value=\"true\" checked"));

        UUID member = fixtures.user("alert-prefs-member");
        UUID owner = fixtures.user("alert-prefs-owner");
        scope.run(shop, () -> {
            NotificationInbox mine = NotificationInbox.of(member);
            assertThat(mine.emailAlerts).isFalse();
            assertThat(mine.textAlerts).as("a member cannot text the business's phone").isFalse();
            assertThat(mine.wants(NotificationTopic.REPLIES)).isTrue();
            assertThat(mine.wants(NotificationTopic.CALLS)).isFalse();
            NotificationInbox theirs = NotificationInbox.of(owner);
            assertThat(theirs.emailAlerts).as("the owner's choices are untouched").isTrue();
            assertThat(theirs.wants(NotificationTopic.CALLS)).isTrue();
        });
    }

    private void drainAlerts(String worker) {
        while (alerts.deliverDue(worker) > 0) {
            // keep going until nothing is due
        }
    }

    private UUID business(String name, String ownerSubject) {
        UUID tenantId = fixtures.business(name);
        fixtures.member(tenantId, ownerSubject, "owner");
        return tenantId;
    }

    private void choose(UUID tenantId, String subject, boolean email, boolean text, boolean calls, boolean replies,
            boolean problems) {
        UUID userId = fixtures.user(subject);
        scope.run(tenantId, () -> {
            NotificationInbox inbox = NotificationInbox.forUpdate(userId);
            inbox.emailAlerts = email;
            inbox.textAlerts = text;
            inbox.alertCalls = calls;
            inbox.alertReplies = replies;
            inbox.alertProblems = problems;
        });
    }

    private UUID raise(UUID tenantId, String type, String title, String link) {
        return scope.call(tenantId, () -> Notification.raise(type, title, null, link).id);
    }

    private static String email(String subject) {
        return subject + "@example.com";
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return form;
    }
}
