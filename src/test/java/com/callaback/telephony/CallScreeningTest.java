package com.callaback.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.callaback.contacts.Interaction;
import com.callaback.contacts.InteractionStatus;
import com.callaback.contacts.Lead;
import com.callaback.dashboard.Notification;
import com.callaback.followups.FollowUp;
import com.callaback.support.Fixtures;
import com.callaback.support.TwilioCalls;
import com.callaback.support.TwilioWebhooks;
import com.callaback.tenant.TenantScope;
import com.callaback.followups.FollowUpType;

import io.quarkus.test.junit.QuarkusTest;

/** Only a person who presses a key answers a call; a cell phone's voicemail picking up is still a missed call. */
@QuarkusTest
class CallScreeningTest {

    @Inject
    Fixtures fixtures;
    @Inject
    TenantScope scope;

    @Test
    void aScreenedAnswerIsAnsweredAndSendsNoText() {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Screened Salon", true);
        TwilioWebhooks twilio = new TwilioWebhooks();
        String callSid = TwilioCalls.callSid();
        twilio.post("/api/twilio/incoming-call", shop.authToken(), TwilioCalls.incomingCall(shop, callSid, "+13125550171"));

        Map<String, String> childLeg = childLeg(shop, callSid);
        twilio.post("/api/twilio/screen?parent=" + callSid, shop.authToken(), childLeg)
                .then().statusCode(200).body(containsString("<Gather"), containsString("screen-result?parent=" + callSid));
        childLeg.put("Digits", "1");
        twilio.post("/api/twilio/screen-result?parent=" + callSid, shop.authToken(), childLeg)
                .then().statusCode(200).body(containsString("<Response"));
        twilio.post("/api/twilio/dial-status", shop.authToken(),
                TwilioCalls.dialStatus(shop, callSid, "+13125550171", "completed"))
                .then().statusCode(200).body(containsString("<Hangup"));

        scope.run(shop.tenantId(), () -> {
            Interaction call = Interaction.findByCallSid(callSid).orElseThrow();
            assertThat(call.status).isEqualTo(InteractionStatus.ANSWERED);
            assertThat(call.screenedAt).isNotNull();
            assertThat(Lead.count()).isZero();
            assertThat(FollowUp.count()).isZero();
        });
    }

    @Test
    void anUnscreenedAnswerIsAMissedCallAndItsVoicemailIsAttachedOnce() {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Unscreened Upholstery", true);
        TwilioWebhooks twilio = new TwilioWebhooks();
        String callSid = TwilioCalls.callSid();
        twilio.post("/api/twilio/incoming-call", shop.authToken(), TwilioCalls.incomingCall(shop, callSid, "+13125550172"));
        Map<String, String> childLeg = childLeg(shop, callSid);
        twilio.post("/api/twilio/screen-result?parent=" + callSid, shop.authToken(), childLeg)
                .then().statusCode(200).body(containsString("<Hangup"));
        twilio.post("/api/twilio/dial-status", shop.authToken(),
                TwilioCalls.dialStatus(shop, callSid, "+13125550172", "completed"))
                .then().statusCode(200).body(containsString("<Record"));

        Map<String, String> recording = new LinkedHashMap<>();
        recording.put("AccountSid", shop.accountSid());
        recording.put("CallSid", callSid);
        recording.put("RecordingSid", "RE" + "b".repeat(32));
        recording.put("RecordingUrl", "https://api.twilio.com/2010-04-01/Accounts/" + shop.accountSid()
                + "/Recordings/RE" + "b".repeat(32));
        recording.put("RecordingStatus", "completed");
        recording.put("RecordingDuration", "14");
        twilio.post("/api/twilio/recording", shop.authToken(), recording).then().statusCode(204);
        twilio.post("/api/twilio/recording", shop.authToken(), recording).then().statusCode(204);
        twilio.post("/api/twilio/voicemail-done", shop.authToken(), TwilioCalls.incomingCall(shop, callSid,
                "+13125550172")).then().statusCode(200).body(containsString("<Hangup"));

        scope.run(shop.tenantId(), () -> {
            Interaction call = Interaction.findByCallSid(callSid).orElseThrow();
            assertThat(call.status).isEqualTo(InteractionStatus.MISSED);
            assertThat(call.recordingUrl).endsWith("/Recordings/RE" + "b".repeat(32));
            assertThat(call.durationSeconds).isEqualTo(14);
            assertThat(Notification.count("type", "voicemail")).isOne();
            assertThat(FollowUp.count("type", FollowUpType.AUTO_SMS)).isOne();
        });
    }

    @Test
    void aPictureMessageKeepsItsMediaUrls() {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Media Mechanics", true);
        String sid = "MM" + "c".repeat(32);
        Map<String, String> mms = TwilioCalls.incomingSms(shop, sid, "+13125550173", "Here is the leak");
        mms.put("NumMedia", "2");
        mms.put("MediaUrl0", "https://api.twilio.com/media/one.jpg");
        mms.put("MediaContentType0", "image/jpeg");
        mms.put("MediaUrl1", "https://api.twilio.com/media/two.jpg");
        mms.put("MediaContentType1", "image/jpeg");
        new TwilioWebhooks().post("/api/twilio/incoming-sms", shop.authToken(), mms).then().statusCode(200);
        scope.run(shop.tenantId(), () -> {
            Interaction text = Interaction.findByMessageSid(sid).orElseThrow();
            assertThat(text.mediaCount).isEqualTo(2);
            assertThat(text.mediaUrls).containsExactly("https://api.twilio.com/media/one.jpg",
                    "https://api.twilio.com/media/two.jpg");
        });
    }

    private static Map<String, String> childLeg(Fixtures.TwilioBusiness shop, String parentSid) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("AccountSid", shop.accountSid());
        p.put("CallSid", TwilioCalls.callSid());
        p.put("ParentCallSid", parentSid);
        p.put("From", shop.number());
        p.put("To", "+13125550100");
        p.put("CallStatus", "in-progress");
        p.put("Direction", "outbound-dial");
        return p;
    }
}
