package com.callaback.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.callaback.contacts.Contact;
import com.callaback.contacts.Interaction;
import com.callaback.support.Fixtures;
import com.callaback.support.TwilioCalls;
import com.callaback.support.TwilioWebhooks;
import com.callaback.tenant.TenantScope;

import io.quarkus.test.junit.QuarkusTest;

/** Webhooks land only in the business that owns the dialled number, and only when Twilio really sent them. */
@QuarkusTest
class TwilioWebhookSecurityTest {

    @Inject
    Fixtures fixtures;
    @Inject
    TenantScope scope;

    @Test
    void eachBusinessGetsOnlyItsOwnNumbersCallsAndTheOtherTokenIsRefused() {
        Fixtures.TwilioBusiness a = fixtures.twilioBusiness("Security A Dental", false);
        Fixtures.TwilioBusiness b = fixtures.twilioBusiness("Security B Plumbing", false);
        TwilioWebhooks twilio = new TwilioWebhooks();

        twilio.post("/api/twilio/incoming-call", a.authToken(), TwilioCalls.incomingCall(a, TwilioCalls.callSid(),
                "+13125550131")).then().statusCode(200).body(containsString("Security A Dental"));
        twilio.post("/api/twilio/incoming-call", b.authToken(), TwilioCalls.incomingCall(b, TwilioCalls.callSid(),
                "+13125550132")).then().statusCode(200).body(containsString("Security B Plumbing"));
        assertThat(phonesOf(a)).containsExactly("+13125550131");
        assertThat(phonesOf(b)).containsExactly("+13125550132");

        // B's token cannot sign for A's number, and B's AccountSid is not A's subaccount.
        twilio.post("/api/twilio/incoming-call", b.authToken(), TwilioCalls.incomingCall(a, TwilioCalls.callSid(),
                "+13125550133")).then().statusCode(403).body(not(containsString("Security")));
        Map<String, String> wrongAccount = TwilioCalls.incomingCall(a, TwilioCalls.callSid(), "+13125550134");
        wrongAccount.put("AccountSid", b.accountSid());
        twilio.post("/api/twilio/incoming-call", b.authToken(), wrongAccount).then().statusCode(403);
        // A text to B's number signed with A's token.
        twilio.post("/api/twilio/incoming-sms", a.authToken(), TwilioCalls.incomingSms(b, TwilioCalls.messageSid(),
                "+13125550135", "hello")).then().statusCode(403);
        // A status callback naming A's account, signed with B's token.
        twilio.post("/api/twilio/status", b.authToken(), TwilioCalls.status(a, TwilioCalls.messageSid(), "delivered",
                "+13125550136")).then().statusCode(403);

        assertThat(phonesOf(a)).containsExactly("+13125550131");
        assertThat(phonesOf(b)).containsExactly("+13125550132");
    }

    @Test
    void badRequestsAreRefusedAndWriteNothing() {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Security Bad Input Shop", true);
        Map<String, String> call = TwilioCalls.incomingCall(shop, TwilioCalls.callSid(), "+13125550141");

        TwilioWebhooks.postUnrecorded("/api/twilio/incoming-call", null, call).then().statusCode(403);
        TwilioWebhooks.postUnrecorded("/api/twilio/incoming-call", "bm90IGEgc2lnbmF0dXJl", call).then().statusCode(403);
        // Signed for another URL: the signature covers the path.
        TwilioWebhooks.postUnrecorded("/api/twilio/incoming-call",
                TwilioWebhooks.signature(shop.authToken(), TwilioWebhooks.PUBLIC_BASE_URL + "/api/twilio/dial-status",
                        call), call).then().statusCode(403);

        Map<String, String> unknownNumber = TwilioCalls.incomingCall(shop, TwilioCalls.callSid(), "+13125550142");
        unknownNumber.put("To", "+14155550000");
        String unknown = new TwilioWebhooks().post("/api/twilio/incoming-call", shop.authToken(), unknownNumber)
                .then().statusCode(403).body(not(containsString("Security"))).extract().asString();
        // Whatever failed (number, account, signature), the answer is the same: nothing to probe customers with.
        String badSignature = TwilioWebhooks.postUnrecorded("/api/twilio/incoming-call", "bm90IGEgc2lnbmF0dXJl", call)
                .then().statusCode(403).extract().asString();
        Map<String, String> unknownAccount = TwilioCalls.status(shop, TwilioCalls.messageSid(), "delivered",
                "+13125550147");
        unknownAccount.put("AccountSid", "AC" + "0".repeat(31) + "1");
        String noSuchAccount = new TwilioWebhooks().post("/api/twilio/status", shop.authToken(), unknownAccount)
                .then().statusCode(403).extract().asString();
        assertThat(unknown).isEqualTo(badSignature).isEqualTo(noSuchAccount)
                .contains(TwilioWebhookAdmission.REFUSED);

        Map<String, String> noTo = TwilioCalls.incomingCall(shop, TwilioCalls.callSid(), "+13125550143");
        noTo.remove("To");
        new TwilioWebhooks().post("/api/twilio/incoming-call", shop.authToken(), noTo)
                .then().statusCode(400).contentType("application/problem+json").body(containsString("To"));

        Map<String, String> badCallSid = TwilioCalls.incomingCall(shop, "CA-not-a-sid", "+13125550144");
        new TwilioWebhooks().post("/api/twilio/incoming-call", shop.authToken(), badCallSid)
                .then().statusCode(400).body(containsString("CallSid"));

        Map<String, String> badStatus = TwilioCalls.dialStatus(shop, TwilioCalls.callSid(), "+13125550145", "exploded");
        new TwilioWebhooks().post("/api/twilio/dial-status", shop.authToken(), badStatus)
                .then().statusCode(400).body(containsString("DialCallStatus"));

        Map<String, String> badSms = TwilioCalls.incomingSms(shop, TwilioCalls.messageSid(), "not a phone", "hi");
        new TwilioWebhooks().post("/api/twilio/incoming-sms", shop.authToken(), badSms)
                .then().statusCode(400).body(containsString("From"));

        Map<String, String> badMessageStatus = TwilioCalls.status(shop, TwilioCalls.messageSid(), "teleported",
                "+13125550146");
        new TwilioWebhooks().post("/api/twilio/status", shop.authToken(), badMessageStatus)
                .then().statusCode(400).body(containsString("MessageStatus"));

        scope.run(shop.tenantId(), () -> {
            assertThat(Contact.count()).isZero();
            assertThat(Interaction.count()).isZero();
            assertThat(com.callaback.messaging.SmsMetric.count()).isZero();
        });
    }

    @Test
    void aGenuineWebhookForAReleasedNumberGetsEmptyTwimlAndChangesNothing() {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Security Released Number Shop", true);
        scope.run(shop.tenantId(), () -> {
            PhoneNumber number = PhoneNumber.findById(shop.numberId());
            number.status = "released";
            number.releasedAt = java.time.Instant.now();
        });
        TwilioWebhooks twilio = new TwilioWebhooks();

        twilio.post("/api/twilio/incoming-call", shop.authToken(), TwilioCalls.incomingCall(shop, TwilioCalls.callSid(),
                "+13125550151")).then().statusCode(200).contentType(containsString("xml"))
                .body(containsString("<Response/>"), not(containsString("<Dial")));
        twilio.post("/api/twilio/incoming-sms", shop.authToken(), TwilioCalls.incomingSms(shop,
                TwilioCalls.messageSid(), "+13125550152", "hello")).then().statusCode(200)
                .body(containsString("<Response/>"));
        // Still only for Twilio: a forged one is refused like any other.
        TwilioWebhooks.postUnrecorded("/api/twilio/incoming-call", "bm90IGEgc2lnbmF0dXJl",
                TwilioCalls.incomingCall(shop, TwilioCalls.callSid(), "+13125550153")).then().statusCode(403);

        scope.run(shop.tenantId(), () -> {
            assertThat(Contact.count()).isZero();
            assertThat(Interaction.count()).isZero();
        });
    }

    @Test
    void aWithheldCallerIdIsRoutedButNotRecorded() {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Security Anonymous Caller", true);
        for (String withheld : java.util.List.of("anonymous", "+266696687", "+7378742833", "Restricted")) {
            new TwilioWebhooks().post("/api/twilio/incoming-call", shop.authToken(),
                    TwilioCalls.incomingCall(shop, TwilioCalls.callSid(), withheld))
                    .then().statusCode(200).body(containsString("<Dial"));
        }
        scope.run(shop.tenantId(), () -> assertThat(Interaction.count()).isZero());
    }

    private java.util.List<String> phonesOf(Fixtures.TwilioBusiness business) {
        return scope.call(business.tenantId(), () -> Contact.<Contact>listAll().stream().map(c -> c.phone).toList());
    }
}
