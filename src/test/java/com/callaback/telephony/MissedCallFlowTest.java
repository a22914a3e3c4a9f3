package com.callaback.telephony;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.callaback.contacts.Contact;
import com.callaback.contacts.Direction;
import com.callaback.contacts.Interaction;
import com.callaback.contacts.InteractionStatus;
import com.callaback.contacts.Lead;
import com.callaback.dashboard.Notification;
import com.callaback.followups.FollowUp;
import com.callaback.messaging.ChatMessage;
import com.callaback.messaging.MessageDetailsFetcher;
import com.callaback.messaging.OutboxDispatcher;
import com.callaback.messaging.SmsMetric;
import com.callaback.support.Fixtures;
import com.callaback.support.TwilioCalls;
import com.callaback.support.TwilioStub;
import com.callaback.support.TwilioWebhooks;
import com.callaback.tenant.TenantScope;
import com.callaback.contacts.LeadCategory;
import com.callaback.contacts.LeadStatus;
import com.callaback.followups.FollowUpStatus;
import com.callaback.followups.FollowUpType;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The whole missed-call flow through real signed webhooks and the real Twilio SDK against a local stub:
 * call, no answer, lead and text, status callbacks, price, reply; then every webhook replayed three times
 * in shuffled order changes nothing and sends no second text.
 */
@QuarkusTest
class MissedCallFlowTest {

    private static final String CALLER = "+13125550123";

    @Inject
    Fixtures fixtures;
    @Inject
    TenantScope scope;
    @Inject
    OutboxDispatcher dispatcher;
    @Inject
    MessageDetailsFetcher details;
    @Inject
    EntityManager em;

    @BeforeEach
    void resetTwilio() {
        TwilioStub.resetForTest(dispatcher);
    }

    @Test
    void aMissedCallBecomesALeadAndExactlyOneTextAndAReplyIsThreaded() {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Flow Bike Shop", true);
        TwilioWebhooks twilio = new TwilioWebhooks();
        String callSid = TwilioCalls.callSid();

        twilio.post("/api/twilio/incoming-call", shop.authToken(), TwilioCalls.incomingCall(shop, callSid, CALLER))
                .then().statusCode(200).contentType(containsString("xml"))
                .body(containsString("<Dial"), containsString("+13125550100"),
                        containsString("/api/twilio/dial-status"), containsString("/api/twilio/screen?parent=" + callSid));

        twilio.post("/api/twilio/dial-status", shop.authToken(),
                TwilioCalls.dialStatus(shop, callSid, CALLER, "no-answer"))
                .then().statusCode(200).body(containsString("<Record"), containsString("Flow Bike Shop"));

        scope.run(shop.tenantId(), () -> {
            Interaction call = Interaction.findByCallSid(callSid).orElseThrow();
            assertThat(call.status).isEqualTo(InteractionStatus.MISSED);
            assertThat(call.category).isEqualTo("LEAD");
            Contact contact = Contact.findByPhone(CALLER).orElseThrow();
            Lead lead = Lead.findOpenFor(contact.id).orElseThrow();
            assertThat(lead.status).isEqualTo(LeadStatus.NEW);
            assertThat(lead.source).isEqualTo("missed_call");
            assertThat(Notification.count("type", "missed_call")).isOne();
            assertThat(FollowUp.count("type = ?1 and status = ?2", FollowUpType.AUTO_SMS, FollowUpStatus.PENDING))
                    .isOne();
        });

        assertThat(dispatcher.dispatchDue("flow-worker")).isEqualTo(1);
        List<LoggedRequest> texts = TwilioStub.server().findAll(postRequestedFor(
                urlEqualTo("/2010-04-01/Accounts/" + shop.accountSid() + "/Messages.json")));
        assertThat(texts).hasSize(1);
        LoggedRequest text = texts.get(0);
        assertThat(text.getHeader("Authorization")).isEqualTo("Basic " + java.util.Base64.getEncoder()
                .encodeToString((shop.accountSid() + ":" + shop.authToken()).getBytes()));
        Map<String, String> form = form(text.getBodyAsString());
        assertThat(form).containsEntry("From", shop.number()).containsEntry("To", CALLER)
                .containsEntry("Body", "Hi there, sorry we missed you at Flow Bike Shop! How can we help?")
                .containsEntry("StatusCallback", TwilioWebhooks.PUBLIC_BASE_URL + "/api/twilio/status");

        String messageSid = scope.call(shop.tenantId(), () -> {
            FollowUp sent = FollowUp.find("type", FollowUpType.AUTO_SMS).firstResult();
            assertThat(sent.status).isEqualTo(FollowUpStatus.SENT);
            SmsMetric metric = SmsMetric.find("messageSid", sent.messageSid).firstResult();
            assertThat(metric.status).isEqualTo("queued");
            assertThat(Interaction.findByMessageSid(sent.messageSid).orElseThrow().direction).isEqualTo(Direction.OUTBOUND);
            return sent.messageSid;
        });

        twilio.post("/api/twilio/status", shop.authToken(), TwilioCalls.status(shop, messageSid, "sent", CALLER))
                .then().statusCode(204);
        twilio.post("/api/twilio/status", shop.authToken(), TwilioCalls.status(shop, messageSid, "delivered", CALLER))
                .then().statusCode(204);
        scope.run(shop.tenantId(), () -> em.createNativeQuery(
                "update sms_metrics set updated_at = now() - interval '5 minutes'").executeUpdate());
        assertThat(details.fetchDue(60)).isEqualTo(1);

        scope.run(shop.tenantId(), () -> {
            SmsMetric metric = SmsMetric.find("messageSid", messageSid).firstResult();
            assertThat(metric.status).isEqualTo("delivered");
            assertThat(metric.delivered).isTrue();
            assertThat(metric.deliveryTimeMs).isNotNull().isNotNegative();
            assertThat(metric.segments).isEqualTo(1);
            assertThat(metric.price).isEqualByComparingTo(new BigDecimal("0.00790"));
            assertThat(metric.priceUnit).isEqualTo("USD");
        });

        String replySid = TwilioCalls.messageSid();
        twilio.post("/api/twilio/incoming-sms", shop.authToken(),
                TwilioCalls.incomingSms(shop, replySid, CALLER, "Can I book an appointment for tomorrow at 3?"))
                .then().statusCode(200).body(containsString("<Response"));
        scope.run(shop.tenantId(), () -> {
            Contact contact = Contact.findByPhone(CALLER).orElseThrow();
            assertThat(Interaction.findByMessageSid(replySid).orElseThrow().category).isEqualTo("APPT");
            Lead lead = Lead.findOpenFor(contact.id).orElseThrow();
            assertThat(lead.status).isEqualTo(LeadStatus.CONTACTED);
            assertThat(lead.category).isEqualTo(LeadCategory.APPT);
            List<ChatMessage> thread = ChatMessage.list("contactId = ?1 order by createdAt", contact.id);
            assertThat(thread).extracting(m -> m.direction).containsExactly(Direction.OUTBOUND, Direction.INBOUND);
            assertThat(Notification.count("type", "sms_reply")).isOne();
        });

        // Twilio retries and reorders: replay everything three times, shuffled.
        Map<String, String> before = snapshot(shop);
        List<TwilioWebhooks.Sent> replays = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            replays.addAll(twilio.sent());
        }
        Collections.shuffle(replays, new Random(42));
        for (TwilioWebhooks.Sent replay : replays) {
            assertThat(twilio.replay(replay).statusCode()).isIn(200, 204);
        }
        assertThat(dispatcher.dispatchDue("flow-worker")).isZero();
        assertThat(snapshot(shop)).isEqualTo(before);
        assertThat(TwilioStub.server().findAll(postRequestedFor(
                urlEqualTo("/2010-04-01/Accounts/" + shop.accountSid() + "/Messages.json")))).hasSize(1);
    }

    @Test
    void aLateSentCallbackNeverOverwritesDelivered() {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Late Callback Cafe", false);
        TwilioWebhooks twilio = new TwilioWebhooks();
        twilio.post("/api/twilio/incoming-call", shop.authToken(),
                TwilioCalls.incomingCall(shop, TwilioCalls.callSid(), "+13125550124"))
                .then().statusCode(200).body(containsString("<Record"));
        assertThat(dispatcher.dispatchDue("late-worker")).isEqualTo(1);
        String sid = scope.call(shop.tenantId(),
                () -> FollowUp.<FollowUp>find("type", FollowUpType.AUTO_SMS).firstResult().messageSid);

        twilio.post("/api/twilio/status", shop.authToken(), TwilioCalls.status(shop, sid, "delivered", "+13125550124"));
        twilio.post("/api/twilio/status", shop.authToken(), TwilioCalls.status(shop, sid, "sent", "+13125550124"));
        twilio.post("/api/twilio/status", shop.authToken(), TwilioCalls.status(shop, sid, "queued", "+13125550124"));

        scope.run(shop.tenantId(), () -> {
            SmsMetric metric = SmsMetric.find("messageSid", sid).firstResult();
            assertThat(metric.status).isEqualTo("delivered");
            assertThat(em.createNativeQuery("select count(*) from sms_status_events where message_sid = ?1")
                    .setParameter(1, sid).getSingleResult()).isEqualTo(3L);
        });
    }

    private Map<String, String> snapshot(Fixtures.TwilioBusiness business) {
        Map<String, String> rows = new LinkedHashMap<>();
        for (String table : List.of("contacts", "interactions", "leads", "follow_ups", "notifications",
                "chat_messages", "sms_metrics", "sms_status_events")) {
            rows.put(table, scope.call(business.tenantId(), () -> String.valueOf(em.createNativeQuery(
                    "select json_agg(t order by t.id)::text from " + table + " t").getSingleResult())));
        }
        return rows;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(java.net.URLDecoder.decode(kv[0], java.nio.charset.StandardCharsets.UTF_8),
                    kv.length > 1 ? java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8) : "");
        }
        return form;
    }
}
