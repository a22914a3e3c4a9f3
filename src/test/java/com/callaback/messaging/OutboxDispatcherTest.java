package com.callaback.messaging;

import com.callaback.support.AsTenant;

import static com.callaback.followups.FollowUpType.MANUAL_SMS;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.callaback.contacts.Contact;
import com.callaback.dashboard.Notification;
import com.callaback.followups.FollowUp;
import com.callaback.support.Fixtures;
import com.callaback.support.TwilioCalls;
import com.callaback.support.TwilioStub;
import com.callaback.support.TwilioWebhooks;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantScope;
import com.callaback.followups.FollowUpStatus;
import com.callaback.followups.FollowUpType;
import com.callaback.followups.SkipReason;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** The guards and failure handling of outbound texts, against the Twilio stub. */
@QuarkusTest
class OutboxDispatcherTest {

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
    void stopOptsOutAndCancelsWaitingTextsStartOptsBackIn() {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Opt Out Garage", true);
        String caller = "+13125550151";
        UUID contactId = fixtures.contact(shop.tenantId(), caller, "Dana");
        scope.run(shop.tenantId(), () -> FollowUp.schedule(contactId, null, MANUAL_SMS, "Your car is ready",
                Instant.now().plusSeconds(600)));
        TwilioWebhooks twilio = new TwilioWebhooks();

        twilio.post("/api/twilio/incoming-sms", shop.authToken(),
                TwilioCalls.incomingSms(shop, TwilioCalls.messageSid(), caller, "Stop")).then().statusCode(200);
        scope.run(shop.tenantId(), () -> {
            assertThat(Contact.<Contact>findById(contactId).smsOptOut).isTrue();
            assertThat(FollowUp.count("status = ?1 and skipReason = ?2", FollowUpStatus.CANCELLED, SkipReason.OPTED_OUT))
                    .isOne();
            assertThat(Notification.count("type", "opt_out")).isOne();
        });
        // Missing a call from an opted-out caller schedules no text; a manual one is dropped at send time.
        twilio.post("/api/twilio/dial-status", shop.authToken(),
                TwilioCalls.dialStatus(shop, TwilioCalls.callSid(), caller, "busy")).then().statusCode(200);
        scope.run(shop.tenantId(), () -> FollowUp.schedule(contactId, null, MANUAL_SMS, "Hello?", Instant.now()));
        assertThat(dispatcher.dispatchDue("opt-out-worker")).isZero();
        assertThat(textsTo(shop)).isZero();
        scope.run(shop.tenantId(), () -> assertThat(FollowUp.count("type", FollowUpType.AUTO_SMS)).isZero());

        twilio.post("/api/twilio/incoming-sms", shop.authToken(),
                TwilioCalls.incomingSms(shop, TwilioCalls.messageSid(), caller, "START")).then().statusCode(200);
        scope.run(shop.tenantId(), () -> FollowUp.schedule(contactId, null, MANUAL_SMS, "Welcome back",
                Instant.now()));
        assertThat(dispatcher.dispatchDue("opt-out-worker")).isEqualTo(1);
        assertThat(textsTo(shop)).isEqualTo(1);
    }

    @Test
    void helpIsAnsweredWithTheBusinessHelpText() {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Help Desk Hardware", true);
        new TwilioWebhooks().post("/api/twilio/incoming-sms", shop.authToken(),
                TwilioCalls.incomingSms(shop, TwilioCalls.messageSid(), "+13125550152", "HELP")).then().statusCode(200);
        assertThat(dispatcher.dispatchDue("help-worker")).isEqualTo(1);
        assertThat(TwilioStub.server().findAll(postRequestedFor(messagesOf(shop))).get(0).getBodyAsString())
                .contains("Help+Desk+Hardware%3A+reply+STOP+to+opt+out");
    }

    @Test
    void quietHoursRescheduleTheAutoTextToTheirEnd() {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Quiet Hours Bakery", false);
        ZoneId zone = ZoneId.of("America/Chicago");
        LocalTime local = Instant.now().atZone(zone).toLocalTime().truncatedTo(ChronoUnit.MINUTES);
        AsTenant.run(shop.tenantId(), () -> {
            Tenant tenant = Tenant.findById(shop.tenantId());
            tenant.timezone = zone.getId();
            tenant.quietHoursStart = local.minusHours(1);
            tenant.quietHoursEnd = local.plusHours(2);
        });
        new TwilioWebhooks().post("/api/twilio/incoming-call", shop.authToken(),
                TwilioCalls.incomingCall(shop, TwilioCalls.callSid(), "+13125550153")).then().statusCode(200);

        assertThat(dispatcher.dispatchDue("quiet-worker")).isZero();
        assertThat(textsTo(shop)).isZero();
        scope.run(shop.tenantId(), () -> {
            FollowUp text = FollowUp.find("type", FollowUpType.AUTO_SMS).firstResult();
            assertThat(text.status).isEqualTo(FollowUpStatus.PENDING);
            assertThat(text.attempts).isZero();
            assertThat(text.scheduledAt.atZone(zone).toLocalTime()).isEqualTo(local.plusHours(2));
            assertThat(text.scheduledAt).isAfter(Instant.now().plusSeconds(3600));
        });
    }

    @Test
    void aCallerTextedWithinTheCooldownOrAlreadyTalkingIsNotAutoTextedAgain() {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Cooldown Clinic", false);
        TwilioWebhooks twilio = new TwilioWebhooks();
        twilio.post("/api/twilio/incoming-call", shop.authToken(),
                TwilioCalls.incomingCall(shop, TwilioCalls.callSid(), "+13125550154")).then().statusCode(200);
        assertThat(dispatcher.dispatchDue("cooldown-worker")).isEqualTo(1);
        twilio.post("/api/twilio/incoming-call", shop.authToken(),
                TwilioCalls.incomingCall(shop, TwilioCalls.callSid(), "+13125550154")).then().statusCode(200);
        assertThat(dispatcher.dispatchDue("cooldown-worker")).isZero();

        twilio.post("/api/twilio/incoming-sms", shop.authToken(),
                TwilioCalls.incomingSms(shop, TwilioCalls.messageSid(), "+13125550155", "Are you open today?"))
                .then().statusCode(200);
        twilio.post("/api/twilio/incoming-call", shop.authToken(),
                TwilioCalls.incomingCall(shop, TwilioCalls.callSid(), "+13125550155")).then().statusCode(200);
        assertThat(dispatcher.dispatchDue("cooldown-worker")).isZero();

        assertThat(textsTo(shop)).isEqualTo(1);
        scope.run(shop.tenantId(), () -> {
            assertThat(FollowUp.count("status = ?1 and skipReason = ?2", FollowUpStatus.SKIPPED, SkipReason.COOLDOWN))
                    .isOne();
            assertThat(FollowUp.count("status = ?1 and skipReason = ?2", FollowUpStatus.SKIPPED,
                    SkipReason.ACTIVE_CONVERSATION)).isOne();
            assertThat(com.callaback.contacts.Lead.count()).isEqualTo(2);
        });
    }

    @Test
    void twilio21610FailsTheTextAndOptsTheContactOut() {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Unsubscribed Upholstery", true);
        TwilioStub.server().stubFor(sendFails(shop, 400, 21610, "Attempt to send to unsubscribed recipient"));
        UUID contactId = fixtures.contact(shop.tenantId(), "+13125550156", "Eli");
        scope.run(shop.tenantId(), () -> FollowUp.schedule(contactId, null, MANUAL_SMS, "Hi", Instant.now()));

        assertThat(dispatcher.dispatchDue("unsub-worker")).isZero();
        scope.run(shop.tenantId(), () -> {
            FollowUp text = FollowUp.find("contactId", contactId).firstResult();
            assertThat(text.status).isEqualTo(FollowUpStatus.FAILED);
            assertThat(text.lastErrorCode).isEqualTo("21610");
            assertThat(Contact.<Contact>findById(contactId).smsOptOut).isTrue();
            assertThat(Notification.count("type", "send_failed")).isOne();
        });
        assertThat(textsTo(shop)).isEqualTo(1);
    }

    @Test
    void rateLimitedThenAcceptedIsSentOnRetry() {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Rate Limited Roofing", true);
        String path = "/2010-04-01/Accounts/" + shop.accountSid() + "/Messages.json";
        TwilioStub.server().stubFor(post(urlEqualTo(path)).atPriority(1).inScenario("429")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("recovered")
                .willReturn(twilioError(429, 20429, "Too Many Requests")));
        TwilioStub.server().stubFor(post(urlEqualTo(path)).atPriority(1).inScenario("429")
                .whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\": \"SM" + "a".repeat(32) + "\", \"status\": \"queued\"}")));
        UUID contactId = fixtures.contact(shop.tenantId(), "+13125550157", "Fran");
        scope.run(shop.tenantId(), () -> FollowUp.schedule(contactId, null, MANUAL_SMS, "Quote attached",
                Instant.now()));

        assertThat(dispatcher.dispatchDue("retry-worker")).isZero();
        scope.run(shop.tenantId(), () -> {
            FollowUp text = FollowUp.find("contactId", contactId).firstResult();
            assertThat(text.status).isEqualTo(FollowUpStatus.PENDING);
            assertThat(text.attempts).isOne();
            assertThat(text.lastErrorCode).isEqualTo("20429");
            assertThat(text.scheduledAt).isAfter(Instant.now());
        });
        makeDue(shop);
        assertThat(dispatcher.dispatchDue("retry-worker")).isEqualTo(1);
        scope.run(shop.tenantId(), () -> {
            FollowUp text = FollowUp.find("contactId", contactId).firstResult();
            assertThat(text.status).isEqualTo(FollowUpStatus.SENT);
            assertThat(text.messageSid).isEqualTo("SM" + "a".repeat(32));
        });
        assertThat(textsTo(shop)).isEqualTo(2);
    }

    @Test
    void aTextTwilioKeepsRefusingWhileOthersGoThroughIsRetriedUntilItsLimitThenFails() {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Flaky Florist", true);
        // Twilio fails this one text with a server error every time; the business's other texts go through, so
        // the subaccount is in service and the failures are the text's own (compare TwilioOutageTest).
        TwilioStub.server().stubFor(post(messagesOf(shop)).withRequestBody(containing("Flowers+ready")).atPriority(1)
                .willReturn(twilioError(500, 20500, "Internal Server Error")));
        UUID contactId = fixtures.contact(shop.tenantId(), "+13125550158", "Gus");
        scope.run(shop.tenantId(), () -> FollowUp.schedule(contactId, null, MANUAL_SMS, "Flowers ready",
                Instant.now()).maxAttempts = 3);

        for (int round = 0; round < 3; round++) {
            UUID other = fixtures.contact(shop.tenantId(), Fixtures.randomPhone(), null);
            scope.run(shop.tenantId(), () -> FollowUp.schedule(other, null, MANUAL_SMS, "Your order", Instant.now()));
            assertThat(dispatcher.dispatchDue("flaky-worker")).isOne();
            makeDue(shop);
        }
        assertThat(dispatcher.dispatchDue("flaky-worker")).isZero();
        assertThat(textsTo(shop)).isEqualTo(6);
        scope.run(shop.tenantId(), () -> {
            FollowUp text = FollowUp.find("contactId", contactId).firstResult();
            assertThat(text.status).isEqualTo(FollowUpStatus.FAILED);
            assertThat(text.attempts).isEqualTo(3);
            assertThat(text.lastErrorCode).isEqualTo("20500");
            assertThat(Notification.count("type", "send_failed")).isOne();
        });
    }

    @Test
    void twoDispatchersAtOnceSendEachTextOnceAndAnExpiredLeaseIsTakenOver() throws Exception {
        Fixtures.TwilioBusiness first = fixtures.twilioBusiness("Concurrent One", true);
        Fixtures.TwilioBusiness second = fixtures.twilioBusiness("Concurrent Two", true);
        List<String> bodies = new ArrayList<>();
        for (Fixtures.TwilioBusiness shop : List.of(first, second)) {
            for (int i = 0; i < 30; i++) {
                String body = shop.number() + " text " + i;
                bodies.add(body);
                UUID contactId = fixtures.contact(shop.tenantId(), Fixtures.randomPhone(), null);
                scope.run(shop.tenantId(), () -> FollowUp.schedule(contactId, null, MANUAL_SMS, body, Instant.now()));
            }
        }
        // A replica died holding one row: its lease has run out.
        scope.run(first.tenantId(), () -> em.createNativeQuery("update follow_ups set status = 'sending', "
                + "claimed_by = 'dead-replica', attempts = 1, lease_expires_at = now() - interval '1 second' "
                + "where body = ?1").setParameter(1, first.number() + " text 0").executeUpdate());

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (String worker : List.of("replica-a", "replica-b")) {
                runs.add(pool.submit((Callable<Integer>) () -> {
                    int sent = 0;
                    for (int round = 0; round < 6; round++) {
                        sent += dispatcher.dispatchDue(worker);
                    }
                    return sent;
                }));
            }
            int total = 0;
            for (Future<Integer> run : runs) {
                total += run.get();
            }
            assertThat(total).isEqualTo(60);
        } finally {
            pool.shutdownNow();
        }
        List<String> sentBodies = new ArrayList<>();
        for (Fixtures.TwilioBusiness shop : List.of(first, second)) {
            TwilioStub.server().findAll(postRequestedFor(messagesOf(shop))).forEach(r -> sentBodies.add(
                    java.net.URLDecoder.decode(r.getBodyAsString().replaceAll(".*Body=([^&]*).*", "$1"),
                            java.nio.charset.StandardCharsets.UTF_8)));
        }
        assertThat(sentBodies).hasSize(60);
        assertThat(new HashSet<>(sentBodies)).containsExactlyInAnyOrderElementsOf(bodies);
    }

    @Test
    void aStatusCallbackThatArrivesBeforeTheSendIsRecordedIsAppliedThen() {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Early Callback Electric", true);
        String sid = "SM" + "e".repeat(32);
        TwilioStub.server().stubFor(post(messagesOf(shop)).atPriority(1).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"sid\": \"" + sid + "\", \"status\": \"queued\"}")));
        UUID contactId = fixtures.contact(shop.tenantId(), "+13125550191", "Nia");
        scope.run(shop.tenantId(), () -> FollowUp.schedule(contactId, null, MANUAL_SMS, "On our way", Instant.now()));
        // Twilio can call back before our own record of the send is committed.
        new TwilioWebhooks().post("/api/twilio/status", shop.authToken(),
                TwilioCalls.status(shop, sid, "delivered", "+13125550191")).then().statusCode(204);

        assertThat(dispatcher.dispatchDue("early-worker")).isEqualTo(1);
        scope.run(shop.tenantId(), () -> {
            SmsMetric metric = SmsMetric.find("messageSid", sid).firstResult();
            assertThat(metric.status).isEqualTo("delivered");
            assertThat(metric.delivered).isTrue();
        });
    }

    @Test
    void aRowWhoseWorkerDiedOnEveryAttemptFailsInsteadOfLoopingForever() {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Poison Row Pottery", true);
        UUID contactId = fixtures.contact(shop.tenantId(), "+13125550192", "Oz");
        UUID id = scope.call(shop.tenantId(), () -> FollowUp.schedule(contactId, null, MANUAL_SMS, "Hi",
                Instant.now()).id);
        scope.run(shop.tenantId(), () -> em.createNativeQuery("update follow_ups set status = 'sending', "
                + "claimed_by = 'crashed', attempts = max_attempts, lease_expires_at = now() - interval '1 second' "
                + "where id = ?1").setParameter(1, id).executeUpdate());

        assertThat(dispatcher.dispatchDue("poison-worker")).isZero();
        assertThat(textsTo(shop)).isZero();
        scope.run(shop.tenantId(), () -> {
            FollowUp row = FollowUp.findById(id);
            assertThat(row.status).isEqualTo(FollowUpStatus.FAILED);
            assertThat(row.lastErrorCode).isEqualTo("worker_lost");
            assertThat(Notification.count("type", "send_failed")).isOne();
        });
    }

    @Test
    void aTextSentByAWorkerThatDiedBeforeRecordingItIsRecordedNotSentAgain() {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Resumed Restaurant", true);
        UUID contactId = fixtures.contact(shop.tenantId(), "+13125550193", "Ivy");
        UUID id = scope.call(shop.tenantId(), () -> FollowUp.schedule(contactId, null, MANUAL_SMS,
                "Your table is ready", Instant.now()).id);
        // A worker claimed it, Twilio accepted it, and the worker died before recording it.
        crashedWhileSending(shop, id);
        String sid = "SM" + "d".repeat(32);
        TwilioStub.server().stubFor(get(urlPathEqualTo("/2010-04-01/Accounts/" + shop.accountSid() + "/Messages.json"))
                .withQueryParam("To", equalTo("+13125550193")).withQueryParam("From", equalTo(shop.number()))
                .atPriority(1).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(messagePage(sid, shop, "+13125550193", "Your table is ready"))));

        assertThat(dispatcher.dispatchDue("resuming-worker")).isOne();
        assertThat(textsTo(shop)).as("not sent a second time").isZero();
        scope.run(shop.tenantId(), () -> {
            FollowUp row = FollowUp.findById(id);
            assertThat(row.status).isEqualTo(FollowUpStatus.SENT);
            assertThat(row.messageSid).isEqualTo(sid);
            assertThat(SmsMetric.count("messageSid", sid)).isOne();
        });
    }

    @Test
    void aTakenOverTextIsNotMistakenForAnEarlierTextWithTheSameWords() {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Same Words Sandwiches", true);
        UUID contactId = fixtures.contact(shop.tenantId(), "+13125550197", "Mo");
        String earlier = "SM" + "c".repeat(32);
        TwilioStub.server().stubFor(post(messagesOf(shop)).atPriority(1).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"sid\": \"" + earlier + "\", \"status\": \"queued\"}")));
        scope.run(shop.tenantId(), () -> FollowUp.schedule(contactId, null, MANUAL_SMS, "Lunch is ready",
                Instant.now().minusSeconds(30)));
        assertThat(dispatcher.dispatchDue("same-words-worker")).isOne();
        TwilioStub.resetToDefaults();
        // The team sends the same words again; that worker dies; Twilio's list shows only the earlier text.
        UUID again = scope.call(shop.tenantId(), () -> FollowUp.schedule(contactId, null, MANUAL_SMS,
                "Lunch is ready", Instant.now().minusSeconds(60)).id);
        crashedWhileSending(shop, again);
        TwilioStub.server().stubFor(get(urlPathEqualTo("/2010-04-01/Accounts/" + shop.accountSid() + "/Messages.json"))
                .atPriority(1).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(messagePage(earlier, shop, "+13125550197", "Lunch is ready"))));

        assertThat(dispatcher.dispatchDue("same-words-worker")).isOne();
        assertThat(textsTo(shop)).as("sent, since the text Twilio lists is the earlier one").isOne();
        scope.run(shop.tenantId(), () -> assertThat(FollowUp.<FollowUp>findById(again).messageSid)
                .isNotEqualTo(earlier).startsWith("SM"));
    }

    @Test
    void aTextTakenOverFromAWorkerThatDiedBeforeReachingTwilioIsSentOnce() {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Resumed Repairs", true);
        UUID contactId = fixtures.contact(shop.tenantId(), "+13125550194", "Jo");
        UUID id = scope.call(shop.tenantId(), () -> FollowUp.schedule(contactId, null, MANUAL_SMS, "Bike is fixed",
                Instant.now()).id);
        crashedWhileSending(shop, id);

        assertThat(dispatcher.dispatchDue("resuming-worker")).isOne();
        assertThat(textsTo(shop)).isOne();
        assertThat(TwilioStub.server().findAll(getRequestedFor(urlPathEqualTo("/2010-04-01/Accounts/"
                + shop.accountSid() + "/Messages.json")))).as("Twilio was asked first").hasSize(1);
        scope.run(shop.tenantId(), () -> assertThat(FollowUp.<FollowUp>findById(id).status)
                .isEqualTo(FollowUpStatus.SENT));
    }

    @Test
    void anAutomaticTextAnotherReplicaIsSendingToTheSameCustomerHoldsBackTheLaterOne() {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Two Replicas Tailor", true);
        UUID contactId = fixtures.contact(shop.tenantId(), "+13125550195", "Ken");
        // Two missed calls moments apart; the other replica has claimed the first call's text and is sending it.
        UUID first = scope.call(shop.tenantId(), () -> FollowUp.schedule(contactId, null, FollowUpType.AUTO_SMS,
                "Sorry we missed you", Instant.now().minusSeconds(2)).id);
        UUID second = scope.call(shop.tenantId(), () -> FollowUp.schedule(contactId, null, FollowUpType.AUTO_SMS,
                "Sorry we missed you", Instant.now().minusSeconds(1)).id);
        scope.run(shop.tenantId(), () -> em.createNativeQuery("update follow_ups set status = 'sending', "
                + "claimed_by = 'other-replica', attempts = 1, lease_expires_at = now() + interval '1 minute' "
                + "where id = ?1").setParameter(1, first).executeUpdate());

        assertThat(dispatcher.dispatchDue("this-replica")).isZero();
        assertThat(textsTo(shop)).isZero();
        scope.run(shop.tenantId(), () -> {
            FollowUp later = FollowUp.findById(second);
            assertThat(later.status).isEqualTo(FollowUpStatus.PENDING);
            assertThat(later.scheduledAt).isAfter(Instant.now().plusSeconds(5));
            assertThat(later.attempts).isZero();
        });

        // The other replica records its send: the later text is then skipped by the cooldown, never sent.
        scope.run(shop.tenantId(), () -> em.createNativeQuery("update follow_ups set status = 'sent', "
                + "claimed_by = null, lease_expires_at = null, sent_at = now(), message_sid = ?2 where id = ?1")
                .setParameter(1, first).setParameter(2, "SM" + "f".repeat(32)).executeUpdate());
        makeDue(shop);
        assertThat(dispatcher.dispatchDue("this-replica")).isZero();
        assertThat(textsTo(shop)).isZero();
        scope.run(shop.tenantId(), () -> {
            FollowUp later = FollowUp.findById(second);
            assertThat(later.status).isEqualTo(FollowUpStatus.SKIPPED);
            assertThat(later.skipReason).isEqualTo(SkipReason.COOLDOWN);
        });
    }

    @Test
    void aBusinessWithAnApprovedRegistrationTextsThroughItsMessagingService() {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Registered Roasters", true);
        String service = "MG" + "a".repeat(32);
        scope.run(shop.tenantId(), () -> em.createNativeQuery("update tenants set messaging_service_sid = ?1 "
                + "where id = current_tenant_id()").setParameter(1, service).executeUpdate());
        UUID contactId = fixtures.contact(shop.tenantId(), "+13125550196", "Lu");
        scope.run(shop.tenantId(), () -> FollowUp.schedule(contactId, null, MANUAL_SMS, "Beans are roasted",
                Instant.now()));

        assertThat(dispatcher.dispatchDue("service-worker")).isOne();
        assertThat(TwilioStub.server().findAll(postRequestedFor(messagesOf(shop))))
                .singleElement().satisfies(request -> {
                    assertThat(request.formParameter("MessagingServiceSid").firstValue()).isEqualTo(service);
                    assertThat(request.formParameter("From").firstValue()).isEqualTo(shop.number());
                });
    }

    private void crashedWhileSending(Fixtures.TwilioBusiness shop, UUID id) {
        scope.run(shop.tenantId(), () -> em.createNativeQuery("update follow_ups set status = 'sending', "
                + "claimed_by = 'crashed', attempts = 1, lease_expires_at = now() - interval '1 second' "
                + "where id = ?1").setParameter(1, id).executeUpdate());
    }

    /** A page of Twilio's message list holding one outbound text, as the 2010 API answers it. */
    private static String messagePage(String sid, Fixtures.TwilioBusiness shop, String to, String body) {
        String created = java.time.format.DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", java.util.Locale.US)
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC));
        return "{\"messages\": [{\"sid\": \"" + sid + "\", \"account_sid\": \"" + shop.accountSid() + "\", "
                + "\"to\": \"" + to + "\", \"from\": \"" + shop.number() + "\", \"body\": \"" + body + "\", "
                + "\"status\": \"sent\", \"direction\": \"outbound-api\", \"date_created\": \"" + created
                + "\", \"num_segments\": \"1\"}], \"end\": 0, \"first_page_uri\": null, \"next_page_uri\": null, "
                + "\"page\": 0, \"page_size\": 20, \"previous_page_uri\": null, \"start\": 0, \"uri\": null}";
    }

    @Test
    void theAutoTextGoesOutFromTheNumberTheCustomerCalled() {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Two Number Tiling", false);
        String second = "+14155550" + (100 + (int) (Math.random() * 800));
        scope.run(shop.tenantId(), () -> {
            com.callaback.telephony.PhoneNumber extra = new com.callaback.telephony.PhoneNumber();
            extra.e164 = second;
            extra.twilioAccountId = com.callaback.telephony.TwilioAccount.findActive().orElseThrow().id;
            extra.persist();
        });
        var call = TwilioCalls.incomingCall(shop, TwilioCalls.callSid(), "+13125550193");
        call.put("To", second);
        new TwilioWebhooks().post("/api/twilio/incoming-call", shop.authToken(), call).then().statusCode(200);

        assertThat(dispatcher.dispatchDue("two-number-worker")).isEqualTo(1);
        assertThat(TwilioStub.server().findAll(postRequestedFor(messagesOf(shop))).get(0).getBodyAsString())
                .contains("From=" + java.net.URLEncoder.encode(second, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void aPlainYesIsAReplyNotAnOptIn() {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Yes Means Yes Yoga", true);
        new TwilioWebhooks().post("/api/twilio/incoming-sms", shop.authToken(),
                TwilioCalls.incomingSms(shop, TwilioCalls.messageSid(), "+13125550194", "Yes")).then().statusCode(200);
        scope.run(shop.tenantId(), () -> {
            assertThat(Notification.count("type", "sms_reply")).isOne();
            assertThat(com.callaback.contacts.Lead.count("status", com.callaback.contacts.LeadStatus.CONTACTED))
                    .isOne();
        });
    }

    private void makeDue(Fixtures.TwilioBusiness shop) {
        scope.run(shop.tenantId(), () -> em.createNativeQuery(
                "update follow_ups set scheduled_at = now() where status = 'pending'").executeUpdate());
    }

    private static com.github.tomakehurst.wiremock.matching.UrlPattern messagesOf(Fixtures.TwilioBusiness shop) {
        return urlEqualTo("/2010-04-01/Accounts/" + shop.accountSid() + "/Messages.json");
    }

    private static int textsTo(Fixtures.TwilioBusiness shop) {
        return TwilioStub.server().findAll(postRequestedFor(messagesOf(shop))).size();
    }

    private static MappingBuilder sendFails(Fixtures.TwilioBusiness shop, int status, int code, String message) {
        return post(messagesOf(shop)).atPriority(1).willReturn(twilioError(status, code, message));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder twilioError(int status, int code,
            String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(
                "{\"code\": " + code + ", \"message\": \"" + message + "\", \"more_info\": "
                        + "\"https://www.twilio.com/docs/errors/" + code + "\", \"status\": " + status + "}");
    }
}
