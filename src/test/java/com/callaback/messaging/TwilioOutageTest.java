package com.callaback.messaging;

import static com.callaback.followups.FollowUpType.MANUAL_SMS;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.callaback.dashboard.Notification;
import com.callaback.followups.FollowUp;
import com.callaback.followups.FollowUpStatus;
import com.callaback.support.Fixtures;
import com.callaback.support.TwilioStub;
import com.callaback.tenant.TenantScope;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.matching.UrlPattern;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/**
 * Twilio out of service (issue 12, "Twilio outage"), in compressed time (pauses of at most 0.8 s in tests): while
 * Twilio answers 503 or 429 for a subaccount, its texts wait without using up their attempts and Twilio is probed
 * one text at a time instead of being sent the whole backlog every round; once it answers again, the backlog goes
 * out, each text exactly once. Another subaccount keeps sending meanwhile.
 */
@QuarkusTest
class TwilioOutageTest {

    private static final int BACKLOG = 12;
    private static final int ROUNDS = 8;

    @Inject
    Fixtures fixtures;
    @Inject
    TenantScope scope;
    @Inject
    OutboxDispatcher dispatcher;
    @Inject
    EntityManager em;

    @BeforeEach
    void resetTwilio() {
        TwilioStub.resetForTest(dispatcher);
    }

    @Test
    @TestSecurity(user = "outage-owner")
    void aBacklogWaitsOutAServerOutageWithoutLosingATextAndGoesOutOnceAfterIt() throws Exception {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Outage Optician", true);
        fixtures.member(shop.tenantId(), "outage-owner", "owner");
        List<String> recipients = backlog(shop, BACKLOG);
        StubMapping outage = TwilioStub.server().stubFor(post(messagesOf(shop)).atPriority(1)
                .willReturn(twilioError(503, 20503, "Service Unavailable")));

        for (int round = 0; round < ROUNDS; round++) {
            assertThat(dispatcher.dispatchDue("outage-worker")).isZero();
            waitOutThePause(shop);
        }
        int triedDuringOutage = requestsOf(shop);
        // The first round offers every text (nothing is known to be wrong yet); after that one probe a round.
        assertThat(triedDuringOutage).isBetween(BACKLOG, BACKLOG + 2 * ROUNDS);
        scope.run(shop.tenantId(), () -> {
            List<FollowUp> texts = FollowUp.list("type", MANUAL_SMS);
            assertThat(texts).hasSize(BACKLOG).allSatisfy(text -> {
                assertThat(text.status).isEqualTo(FollowUpStatus.PENDING);
                // Only the failures seen before the subaccount counted as out of service are the texts' own.
                assertThat(text.attempts).isLessThanOrEqualTo(2);
            });
            assertThat(texts).anySatisfy(text -> assertThat(text.lastError).startsWith("Waiting for Twilio"));
            assertThat(Notification.count("type", "send_failed")).isZero();
        });
        // The team sees why the texts have not gone out, and that nothing is to be done.
        given().get("/follow-ups").then().statusCode(200)
                .body(containsString("Not sent yet: Twilio was unavailable. It is retried automatically."));

        java.util.Date recovered = new java.util.Date();
        TwilioStub.server().removeStub(outage);
        for (int round = 0; round < 10 && pending(shop) > 0; round++) {
            dispatcher.dispatchDue("outage-worker");
            waitOutThePause(shop);
        }
        List<String> accepted = TwilioStub.server().findAll(postRequestedFor(messagesOf(shop))).stream()
                .filter(request -> !request.getLoggedDate().before(recovered)).map(request -> request.formParameter("To").firstValue()).toList();
        assertThat(accepted).containsExactlyInAnyOrderElementsOf(recipients);
        scope.run(shop.tenantId(), () -> assertThat(FollowUp.<FollowUp>list("type", MANUAL_SMS))
                .allSatisfy(text -> assertThat(text.status).isEqualTo(FollowUpStatus.SENT)));
    }

    @Test
    void rateLimitingOfOneSubaccountHoldsOnlyItsTexts() throws Exception {
        Fixtures.TwilioBusiness limited = fixtures.twilioBusiness("Rate Limited Roofers", true);
        Fixtures.TwilioBusiness other = fixtures.twilioBusiness("Unlimited Upholstery", true);
        backlog(limited, 6);
        List<String> others = backlog(other, 6);
        TwilioStub.server().stubFor(post(messagesOf(limited)).atPriority(1)
                .willReturn(twilioError(429, 20429, "Too Many Requests")));

        for (int round = 0; round < 4; round++) {
            dispatcher.dispatchDue("rate-worker");
            waitOutThePause(limited);
        }
        assertThat(TwilioStub.server().findAll(postRequestedFor(messagesOf(other))).stream()
                .map(request -> request.formParameter("To").firstValue()).toList())
                .containsExactlyInAnyOrderElementsOf(others);
        assertThat(pending(limited)).isEqualTo(6);
        assertThat(requestsOf(limited)).isLessThanOrEqualTo(6 + 2 * 4);
        scope.run(limited.tenantId(), () -> assertThat(FollowUp.<FollowUp>list("type", MANUAL_SMS))
                .allSatisfy(text -> assertThat(text.lastErrorCode).isIn(null, "20429")));
    }

    @Test
    void aTextThatWaitedLongerThanTheGiveUpTimeFailsForGoodAndTheTeamIsTold() {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Long Outage Laundry", true);
        backlog(shop, 3);
        TwilioStub.server().stubFor(post(messagesOf(shop)).atPriority(1)
                .willReturn(aResponse().withStatus(502).withBody("Bad Gateway")));
        dispatcher.dispatchDue("long-outage-worker");
        // A day later it is still out (the give-up time is 24 h): the waiting texts fail instead of going out late.
        scope.run(shop.tenantId(), () -> em.createNativeQuery("update follow_ups set scheduled_at = now(), "
                + "waiting_for_twilio_since = now() - interval '25 hours', attempts = 0 where status = 'pending'")
                .executeUpdate());
        waitOutThePause(shop);
        for (int round = 0; round < 3; round++) {
            dispatcher.dispatchDue("long-outage-worker");
            waitOutThePause(shop);
        }
        scope.run(shop.tenantId(), () -> {
            assertThat(FollowUp.<FollowUp>list("type", MANUAL_SMS)).allSatisfy(text -> {
                assertThat(text.status).isEqualTo(FollowUpStatus.FAILED);
                assertThat(text.lastError).contains("out of service");
            });
            assertThat(Notification.count("type", "send_failed")).isEqualTo(3);
        });
    }

    @Test
    void aConnectionResetOrNoAnswerIsTriedAgainNotFailed() {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Reset Radio Repair", true);
        List<String> recipients = backlog(shop, 2);
        // Twilio's side drops the connection, then answers nothing at all, then is back.
        TwilioStub.server().stubFor(post(messagesOf(shop)).atPriority(1).inScenario("reset")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("empty")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        TwilioStub.server().stubFor(post(messagesOf(shop)).atPriority(1).inScenario("reset")
                .whenScenarioStateIs("empty").willSetStateTo("back")
                .willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

        for (int round = 0; round < 4 && pending(shop) > 0; round++) {
            dispatcher.dispatchDue("reset-worker");
            waitOutThePause(shop);
        }
        scope.run(shop.tenantId(), () -> assertThat(FollowUp.<FollowUp>list("type", MANUAL_SMS))
                .allSatisfy(text -> assertThat(text.status).isEqualTo(FollowUpStatus.SENT)));
        assertThat(TwilioStub.server().findAll(postRequestedFor(messagesOf(shop))).stream()
                .map(request -> request.formParameter("To").firstValue()).distinct().toList())
                .containsExactlyInAnyOrderElementsOf(recipients);
    }

    /** Texts to new contacts of the business, due now; returns their recipients. */
    private List<String> backlog(Fixtures.TwilioBusiness shop, int count) {
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String phone = Fixtures.randomPhone();
            UUID contactId = fixtures.contact(shop.tenantId(), phone, null);
            scope.run(shop.tenantId(), () -> FollowUp.schedule(contactId, null, MANUAL_SMS, "Your glasses are ready",
                    Instant.now()));
            recipients.add(phone);
        }
        return recipients;
    }

    /** Time is compressed: the longest pause in tests is 0.8 s, and every waiting text is made due again. */
    private void waitOutThePause(Fixtures.TwilioBusiness shop) {
        try {
            Thread.sleep(900);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        scope.run(shop.tenantId(), () -> em.createNativeQuery(
                "update follow_ups set scheduled_at = now() where status = 'pending'").executeUpdate());
    }

    private long pending(Fixtures.TwilioBusiness shop) {
        return scope.call(shop.tenantId(), () -> FollowUp.count("status", FollowUpStatus.PENDING));
    }

    private static int requestsOf(Fixtures.TwilioBusiness shop) {
        return TwilioStub.server().findAll(postRequestedFor(messagesOf(shop))).size();
    }

    private static UrlPattern messagesOf(Fixtures.TwilioBusiness shop) {
        return urlEqualTo("/2010-04-01/Accounts/" + shop.accountSid() + "/Messages.json");
    }

    private static ResponseDefinitionBuilder twilioError(int status, int code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(
                "{\"code\": " + code + ", \"message\": \"" + message + "\", \"status\": " + status + "}");
    }
}
