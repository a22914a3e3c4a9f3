package com.callaback.followups;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.callaback.messaging.OutboxDispatcher;
import com.callaback.support.Fixtures;
import com.callaback.tenant.TenantScope;
import com.callaback.support.TwilioStub;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;

/** The follow-ups page as a member uses it, with the real dispatcher and the Twilio stub behind it. */
@QuarkusTest
class FollowUpPageTest {

    private static final ZoneId ZONE = ZoneId.of("America/New_York"); // a new business's default zone

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
    @TestSecurity(user = "fu-reader")
    void thePageSaysWhenWhyAndWhatToDoInPlainWords() {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Plain Words Pool Care", true);
        fixtures.member(shop.tenantId(), "fu-reader", "member");
        UUID contact = fixtures.contact(shop.tenantId(), Fixtures.randomPhone(), "Dora Vance");
        UUID due = row(shop.tenantId(), contact, FollowUpType.MANUAL_SMS, Instant.now().plusSeconds(270), f -> { });
        UUID registration = row(shop.tenantId(), contact, FollowUpType.MANUAL_SMS, Instant.now(), f -> {
            f.status = FollowUpStatus.HELD;
            f.skipReason = SkipReason.COMPLIANCE_REGISTRATION_REQUIRED;
        });
        UUID billing = row(shop.tenantId(), contact, FollowUpType.AUTO_SMS, Instant.now(), f -> {
            f.status = FollowUpStatus.HELD;
            f.skipReason = SkipReason.BILLING_PAST_DUE;
        });
        UUID failed = failedText(shop.tenantId(), contact);
        UUID skipped = row(shop.tenantId(), contact, FollowUpType.AUTO_SMS, Instant.now(), f -> {
            f.status = FollowUpStatus.SKIPPED;
            f.skipReason = SkipReason.COOLDOWN;
        });
        switchTo(shop.tenantId());

        String page = given().get("/follow-ups").then().statusCode(200).extract().asString();
        assertThat(section(page, "due")).contains(due.toString(), "Dora Vance", "(in 4 min)", "EST",
                "href=\"/conversations/" + contact + "\"");
        assertThat(section(page, "held"))
                .contains(registration.toString(), "data-held-reason=\"compliance_registration_required\"",
                        "<a href=\"/settings/numbers\">Finish texting registration under Numbers</a>")
                .contains(billing.toString(), "a payment is past due",
                        "<a href=\"/billing\">Update your payment method under Billing");
        assertThat(section(page, "failed")).contains(failed.toString(),
                "The phone was switched off or out of coverage. Try again later or call them.");
        assertThat(section(page, "recent")).contains(skipped.toString(),
                "The customer already got an automatic text recently.");
        assertThat(page).doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}");
        given().get("/follow-ups?section=failed").then().statusCode(200)
                .body(containsString(failed.toString()), not(containsString(due.toString())));
    }

    @Test
    @TestSecurity(user = "fu-retrier")
    void retryingAFailedTextSendsItOnTheDispatchersNextRunAndASentTextCannotBeRetried() {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Retry Radiators", true);
        fixtures.member(shop.tenantId(), "fu-retrier", "member");
        UUID contact = fixtures.contact(shop.tenantId(), Fixtures.randomPhone(), "Eli Park");
        UUID failed = failedText(shop.tenantId(), contact);
        switchTo(shop.tenantId());

        act(failed, "retry").then().statusCode(303).header("Location", endsWith("/follow-ups"));
        read(shop.tenantId(), failed, f -> {
            assertThat(f.status).isEqualTo(FollowUpStatus.PENDING);
            assertThat(f.attempts).isZero();
        });
        assertThat(dispatcher.dispatchDue("retry-worker")).isEqualTo(1);
        assertThat(textsTo(shop)).isEqualTo(1);
        read(shop.tenantId(), failed, f -> assertThat(f.status).isEqualTo(FollowUpStatus.SENT));

        act(failed, "retry").then().statusCode(409)
                .body(containsString("Only a failed or held text can be retried; this one is sent."));
        assertThat(dispatcher.dispatchDue("retry-worker")).isZero();
    }

    @Test
    @TestSecurity(user = "fu-canceller")
    void aDueTextIsCancelledButOneTheDispatcherIsSendingIsLeftAlone() {
        UUID shop = fixtures.business("Cancel Carpets");
        fixtures.member(shop, "fu-canceller", "member");
        UUID contact = fixtures.contact(shop, Fixtures.randomPhone(), "Fay Grant");
        UUID due = row(shop, contact, FollowUpType.MANUAL_SMS, Instant.now().plusSeconds(3600), f -> { });
        UUID sending = row(shop, contact, FollowUpType.MANUAL_SMS, Instant.now(), f -> {
            f.status = FollowUpStatus.SENDING;
            f.claimedBy = "busy-worker";
            f.leaseExpiresAt = Instant.now().plusSeconds(60);
        });
        switchTo(shop);

        act(due, "cancel").then().statusCode(303);
        read(shop, due, f -> {
            assertThat(f.status).isEqualTo(FollowUpStatus.CANCELLED);
            assertThat(f.skipReason).isEqualTo(SkipReason.CANCELLED_BY_TEAM);
        });
        act(due, "cancel").then().statusCode(409).body(containsString("this one is cancelled."));

        act(sending, "cancel").then().statusCode(409).body(containsString("this one is sending."));
        given().redirects().follow(false).formParam("at", local(Instant.now().plusSeconds(7200)))
                .post("/follow-ups/" + sending + "/reschedule").then().statusCode(409);
        read(shop, sending, f -> {
            assertThat(f.status).isEqualTo(FollowUpStatus.SENDING);
            assertThat(f.claimedBy).isEqualTo("busy-worker");
        });
        assertThat(section(given().get("/follow-ups").asString(), "due")).contains(sending.toString())
                .doesNotContain("/follow-ups/" + sending + "/cancel");
    }

    @Test
    @TestSecurity(user = "fu-rescheduler")
    void reschedulingIntoThePastIsRefusedWithTheInputKeptAndTheFutureIsTakenInTheBusinessZone() {
        UUID shop = fixtures.business("Reschedule Roofers");
        fixtures.member(shop, "fu-rescheduler", "member");
        UUID contact = fixtures.contact(shop, Fixtures.randomPhone(), "Gus Hale");
        Instant original = Instant.now().plusSeconds(3600);
        UUID due = row(shop, contact, FollowUpType.MANUAL_SMS, original, f -> { });
        switchTo(shop);

        String yesterday = local(Instant.now().minus(1, ChronoUnit.DAYS));
        given().redirects().follow(false).formParam("at", yesterday).post("/follow-ups/" + due + "/reschedule")
                .then().statusCode(400)
                .body(containsString("Pick a time in the future."), containsString("value=\"" + yesterday + "\""));
        read(shop, due, f -> assertThat(f.scheduledAt).isCloseTo(original, within()));
        given().redirects().follow(false).formParam("at", "+300000-01-01T00:00").post("/follow-ups/" + due + "/reschedule")
                .then().statusCode(400).body(containsString("Pick a time within the next year."));
        read(shop, due, f -> assertThat(f.scheduledAt).isCloseTo(original, within()));

        String tomorrow = local(Instant.now().plus(1, ChronoUnit.DAYS));
        given().redirects().follow(false).formParam("at", tomorrow).post("/follow-ups/" + due + "/reschedule")
                .then().statusCode(303);
        read(shop, due, f -> assertThat(f.scheduledAt)
                .isEqualTo(LocalDateTime.parse(tomorrow).atZone(ZONE).toInstant()));
    }

    @Test
    @TestSecurity(user = "fu-caller")
    void aCallBackTaskIsAssignedListedMarkedDoneAndNeverClaimedByTheDispatcher() {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Callback Cabinets", true);
        fixtures.member(shop.tenantId(), "fu-caller", "member");
        UUID me = fixtures.user("fu-caller");
        String phone = Fixtures.randomPhone();
        UUID contact = fixtures.contact(shop.tenantId(), phone, "Hana Ito");
        switchTo(shop.tenantId());
        String typed = "(" + phone.substring(2, 5) + ") " + phone.substring(5, 8) + "-" + phone.substring(8);

        given().redirects().follow(false).formParam("contact", typed).formParam("assignee", me.toString())
                .formParam("at", local(Instant.now().plusSeconds(3600))).formParam("body", "Quote for the kitchen")
                .post("/follow-ups/callbacks").then().statusCode(303);
        UUID task = scope.call(shop.tenantId(),
                () -> FollowUp.<FollowUp>find("contactId", contact).singleResult().id);
        read(shop.tenantId(), task, f -> {
            assertThat(f.type).isEqualTo(FollowUpType.CALLBACK);
            assertThat(f.assignedTo).isEqualTo(me);
        });
        assertThat(section(given().get("/follow-ups").asString(), "tasks"))
                .contains(task.toString(), "Hana Ito", "Quote for the kitchen", "data-assignee", "Mark done");

        scope.run(shop.tenantId(), () -> FollowUp.update("scheduledAt = ?1 where id = ?2",
                Instant.now().minusSeconds(600), task));
        assertThat(dispatcher.dispatchDue("callback-worker")).isZero();
        assertThat(textsTo(shop)).isZero();
        read(shop.tenantId(), task, f -> assertThat(f.status).isEqualTo(FollowUpStatus.PENDING));

        act(task, "retry").then().statusCode(409);
        act(task, "done").then().statusCode(303);
        read(shop.tenantId(), task, f -> assertThat(f.status).isEqualTo(FollowUpStatus.DONE));
        act(task, "done").then().statusCode(409).body(containsString("this one is done."));
        assertThat(section(given().get("/follow-ups").asString(), "recent")).contains(task.toString());
    }

    @Test
    @TestSecurity(user = "fu-planner")
    void aTextIsScheduledForLaterAndABadFormIsShownAgainWithItsMessages() {
        UUID shop = fixtures.business("Later Locksmiths");
        fixtures.member(shop, "fu-planner", "member");
        UUID contact = fixtures.contact(shop, Fixtures.randomPhone(), "Ivy Jones");
        switchTo(shop);

        given().redirects().follow(false).formParam("contact", "Nobody Known").formParam("body", "")
                .formParam("at", "2020-01-01T09:00").post("/follow-ups/texts").then().statusCode(400)
                .body(containsString("No contact matches that name or number."),
                        containsString("Write the text to send."), containsString("Pick a time in the future."),
                        containsString("value=\"Nobody Known\""), containsString("value=\"2020-01-01T09:00\""));
        scope.run(shop, () -> assertThat(FollowUp.count()).isZero());

        fixtures.contact(shop, Fixtures.randomPhone(), "Ivan Petrov");
        given().redirects().follow(false).formParam("contact", "iv").formParam("body", "Hi")
                .formParam("at", local(Instant.now().plus(1, ChronoUnit.DAYS))).post("/follow-ups/texts").then()
                .statusCode(400).body(containsString("Several contacts match"), containsString("Ivan Petrov"));
        scope.run(shop, () -> assertThat(FollowUp.count()).isZero());

        String at = local(Instant.now().plus(2, ChronoUnit.DAYS));
        given().redirects().follow(false).formParam("contact", "ivy").formParam("body", "Your keys are ready")
                .formParam("at", at).post("/follow-ups/texts").then().statusCode(303);
        scope.run(shop, () -> {
            FollowUp text = FollowUp.find("contactId", contact).singleResult();
            assertThat(text.type).isEqualTo(FollowUpType.MANUAL_SMS);
            assertThat(text.status).isEqualTo(FollowUpStatus.PENDING);
            assertThat(text.scheduledAt).isEqualTo(LocalDateTime.parse(at).atZone(ZONE).toInstant());
            assertThat(text.createdBy).isEqualTo(fixtures.user("fu-planner"));
        });
        assertThat(section(given().get("/follow-ups").asString(), "due")).contains("Your keys are ready");
    }

    @Test
    @TestSecurity(user = "fu-outsider")
    void anotherBusinessesFollowUpIsNotFoundForEveryActionAndUnchanged() {
        UUID theirs = fixtures.business("Their Follow-up Fencing");
        UUID contact = fixtures.contact(theirs, Fixtures.randomPhone(), "Secret Sue");
        UUID failed = failedText(theirs, contact);
        UUID task = row(theirs, contact, FollowUpType.CALLBACK, Instant.now().plusSeconds(600), f -> { });
        UUID mine = fixtures.business("My Follow-up Farm");
        fixtures.member(mine, "fu-outsider", "member");
        switchTo(mine);

        given().get("/follow-ups").then().statusCode(200).body(not(containsString("Secret Sue")));
        for (String action : new String[] {"retry", "cancel", "done"}) {
            act(failed, action).then().statusCode(404).body(not(containsString("Secret Sue")));
            act(task, action).then().statusCode(404);
        }
        given().redirects().follow(false).formParam("at", local(Instant.now().plusSeconds(7200)))
                .post("/follow-ups/" + failed + "/reschedule").then().statusCode(404);
        act(UUID.randomUUID(), "cancel").then().statusCode(404);
        given().redirects().follow(false).post("/follow-ups/not-a-uuid/cancel").then().statusCode(404);
        read(theirs, failed, f -> assertThat(f.status).isEqualTo(FollowUpStatus.FAILED));
        read(theirs, task, f -> assertThat(f.status).isEqualTo(FollowUpStatus.PENDING));
    }

    private UUID row(UUID tenant, UUID contact, FollowUpType type, Instant at, Consumer<FollowUp> setUp) {
        return scope.call(tenant, () -> {
            FollowUp followUp = FollowUp.schedule(contact, null, type, "Hello from the test", at);
            setUp.accept(followUp);
            return followUp.id;
        });
    }

    private UUID failedText(UUID tenant, UUID contact) {
        return row(tenant, contact, FollowUpType.MANUAL_SMS, Instant.now().minusSeconds(60), f -> {
            f.status = FollowUpStatus.FAILED;
            f.attempts = f.maxAttempts;
            f.lastErrorCode = "30003";
            f.lastError = "Unreachable destination handset";
        });
    }

    private void read(UUID tenant, UUID id, Consumer<FollowUp> check) {
        scope.run(tenant, () -> check.accept(FollowUp.findById(id)));
    }

    private static Response act(UUID id, String action) {
        return given().redirects().follow(false).post("/follow-ups/" + id + "/" + action);
    }

    /** A moment as a datetime-local field holds it in the business's zone. */
    private static String local(Instant instant) {
        return instant.atZone(ZONE).toLocalDateTime().truncatedTo(ChronoUnit.MINUTES).toString();
    }

    private static org.assertj.core.data.TemporalUnitOffset within() {
        return new org.assertj.core.data.TemporalUnitWithinOffset(1, ChronoUnit.MILLIS);
    }

    /** The HTML of one section of the page. */
    private static String section(String page, String key) {
        int start = page.indexOf("data-section=\"" + key + "\"");
        assertThat(start).as("section " + key).isNotNegative();
        return page.substring(start, page.indexOf("</section>", start));
    }

    private static int textsTo(Fixtures.TwilioBusiness shop) {
        return TwilioStub.server().findAll(postRequestedFor(
                urlEqualTo("/2010-04-01/Accounts/" + shop.accountSid() + "/Messages.json"))).size();
    }

    private static void switchTo(UUID tenant) {
        given().redirects().follow(false).formParam("tenant", tenant.toString()).post("/switch").then().statusCode(303);
    }
}
