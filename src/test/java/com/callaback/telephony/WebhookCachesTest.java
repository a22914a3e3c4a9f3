package com.callaback.telephony;

import com.callaback.support.AsTenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.callaback.contacts.Contact;
import com.callaback.support.Fixtures;
import com.callaback.support.TwilioCalls;
import com.callaback.support.TwilioWebhooks;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantScope;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What the webhook path caches never outlives a change: new call settings apply to the next call, a rotated
 * token replaces the old one at once, and a number moved to another business routes there with its credentials.
 */
@QuarkusTest
class WebhookCachesTest {

    @Inject
    Fixtures fixtures;
    @Inject
    TenantScope scope;
    @Inject
    TwilioAccountCredentials credentials;

    @Test
    void changedCallSettingsApplyToTheNextCall() {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Cache Settings Shop", true);
        TwilioWebhooks twilio = new TwilioWebhooks();
        twilio.post("/api/twilio/incoming-call", shop.authToken(), TwilioCalls.incomingCall(shop, TwilioCalls.callSid(),
                Fixtures.randomPhone())).then().statusCode(200).body(containsString("+13125550100"));

        AsTenant.run(shop.tenantId(), () -> Tenant.<Tenant>findById(shop.tenantId()).forwardingPhone =
                "+13125550199");

        twilio.post("/api/twilio/incoming-call", shop.authToken(), TwilioCalls.incomingCall(shop, TwilioCalls.callSid(),
                Fixtures.randomPhone())).then().statusCode(200).body(containsString("+13125550199"));
    }

    @Test
    void aRotatedTokenReplacesTheOldOneAtOnce() {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Cache Token Shop", true);
        TwilioWebhooks twilio = new TwilioWebhooks();
        twilio.post("/api/twilio/incoming-call", shop.authToken(), TwilioCalls.incomingCall(shop, TwilioCalls.callSid(),
                Fixtures.randomPhone())).then().statusCode(200);

        String rotated = UUID.randomUUID().toString().replace("-", "");
        scope.run(shop.tenantId(), () -> TwilioAccount.<TwilioAccount>list("subaccountSid", shop.accountSid())
                .forEach(account -> account.authTokenEncrypted = credentials.sealed(shop.accountSid(), rotated)));

        twilio.post("/api/twilio/incoming-call", shop.authToken(), TwilioCalls.incomingCall(shop, TwilioCalls.callSid(),
                Fixtures.randomPhone())).then().statusCode(403);
        twilio.post("/api/twilio/incoming-call", rotated, TwilioCalls.incomingCall(shop, TwilioCalls.callSid(),
                Fixtures.randomPhone())).then().statusCode(200);
    }

    @Test
    void aNumberMovedToAnotherBusinessRoutesThereWithItsCredentials() {
        Fixtures.TwilioBusiness before = fixtures.twilioBusiness("Cache Move From", true);
        Fixtures.TwilioBusiness after = fixtures.twilioBusiness("Cache Move To", true);
        TwilioWebhooks twilio = new TwilioWebhooks();
        String firstCaller = Fixtures.randomPhone();
        twilio.post("/api/twilio/incoming-call", before.authToken(), TwilioCalls.incomingCall(before,
                TwilioCalls.callSid(), firstCaller)).then().statusCode(200);

        scope.run(before.tenantId(), () -> {
            PhoneNumber number = PhoneNumber.findById(before.numberId());
            number.status = "released";
            number.releasedAt = java.time.Instant.now();
        });
        scope.run(after.tenantId(), () -> {
            PhoneNumber moved = new PhoneNumber();
            moved.e164 = before.number();
            moved.twilioAccountId = TwilioAccount.<TwilioAccount>find("subaccountSid", after.accountSid())
                    .firstResult().id;
            moved.persist();
        });
        Fixtures.TwilioBusiness movedNumber = new Fixtures.TwilioBusiness(after.tenantId(), after.accountSid(),
                after.authToken(), before.number(), null);
        String secondCaller = Fixtures.randomPhone();

        // The old business's credentials no longer admit it; the new one's do, and the call is the new business's.
        twilio.post("/api/twilio/incoming-call", before.authToken(), TwilioCalls.incomingCall(before,
                TwilioCalls.callSid(), Fixtures.randomPhone())).then().statusCode(403);
        twilio.post("/api/twilio/incoming-call", after.authToken(), TwilioCalls.incomingCall(movedNumber,
                TwilioCalls.callSid(), secondCaller)).then().statusCode(200).body(containsString("<Dial"));

        assertThat(scope.call(after.tenantId(), () -> Contact.findByPhone(secondCaller))).isPresent();
        assertThat(scope.call(before.tenantId(), () -> Contact.findByPhone(secondCaller))).isEmpty();
        assertThat(scope.call(after.tenantId(), () -> Contact.findByPhone(firstCaller))).isEmpty();
    }
}
