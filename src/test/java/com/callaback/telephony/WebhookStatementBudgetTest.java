package com.callaback.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.callaback.contacts.Contact;
import com.callaback.contacts.Interaction;
import com.callaback.contacts.InteractionStatus;
import com.callaback.contacts.Lead;
import com.callaback.followups.FollowUp;
import com.callaback.followups.FollowUpType;
import com.callaback.support.CountingDriver;
import com.callaback.support.Fixtures;
import com.callaback.support.TwilioCalls;
import com.callaback.support.TwilioWebhooks;
import com.callaback.tenant.TenantScope;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The statement budget of one missed call: everything its webhooks send to PostgreSQL (statements, transaction
 * boundaries and the tenant setting, counted at the JDBC driver) stays within 16, on the forwarded path
 * (incoming-call, then dial-status "no-answer") and on the after-hours voicemail path (incoming-call, then the
 * recording). Caches are warm: the business has taken a call before.
 */
@QuarkusTest
class WebhookStatementBudgetTest {

    private static final int BUDGET = 16;

    @Inject
    Fixtures fixtures;
    @Inject
    TenantScope scope;

    @Test
    void aForwardedMissedCallStaysWithinTheBudgetAndDoesItsWholeWork() {
        Fixtures.TwilioBusiness shop = businessThatTookACall("Budget Forwarded Shop", true);
        TwilioWebhooks twilio = new TwilioWebhooks();
        String caller = Fixtures.randomPhone();
        String callSid = TwilioCalls.callSid();

        List<String> statements = CountingDriver.during(() -> {
            twilio.post("/api/twilio/incoming-call", shop.authToken(), TwilioCalls.incomingCall(shop, callSid, caller))
                    .then().statusCode(200).body(containsString("<Dial"));
            twilio.post("/api/twilio/dial-status", shop.authToken(),
                    TwilioCalls.dialStatus(shop, callSid, caller, "no-answer"))
                    .then().statusCode(200).body(containsString("<Record"));
        });

        assertWithinBudget(statements);
        assertMissedCallRecorded(shop, callSid, caller, InteractionStatus.MISSED);
    }

    @Test
    void anAfterHoursVoicemailStaysWithinTheBudgetAndDoesItsWholeWork() {
        Fixtures.TwilioBusiness shop = businessThatTookACall("Budget Voicemail Shop", false);
        TwilioWebhooks twilio = new TwilioWebhooks();
        String caller = Fixtures.randomPhone();
        String callSid = TwilioCalls.callSid();

        List<String> statements = CountingDriver.during(() -> {
            twilio.post("/api/twilio/incoming-call", shop.authToken(), TwilioCalls.incomingCall(shop, callSid, caller))
                    .then().statusCode(200).body(containsString("<Record"));
            twilio.post("/api/twilio/recording", shop.authToken(), Map.of("AccountSid", shop.accountSid(),
                    "CallSid", callSid, "RecordingUrl", "https://api.twilio.com/recordings/RE1",
                    "RecordingDuration", "12")).then().statusCode(204);
        });

        assertWithinBudget(statements);
        assertMissedCallRecorded(shop, callSid, caller, InteractionStatus.VOICEMAIL);
        scope.run(shop.tenantId(), () -> assertThat(Interaction.findByCallSid(callSid).orElseThrow().recordingUrl)
                .isEqualTo("https://api.twilio.com/recordings/RE1"));
    }

    @Test
    void theTenantIsSetInsideEachTransactionNeverOnTheSession() {
        Fixtures.TwilioBusiness shop = businessThatTookACall("Budget Tenant Setting Shop", true);
        TwilioWebhooks twilio = new TwilioWebhooks();
        String caller = Fixtures.randomPhone();
        String callSid = TwilioCalls.callSid();

        List<String> statements = CountingDriver.during(() -> twilio.post("/api/twilio/incoming-call",
                shop.authToken(), TwilioCalls.incomingCall(shop, callSid, caller)).then().statusCode(200));

        // One transaction: it begins, sets the tenant for itself alone as its first statement, and commits.
        assertThat(statements).filteredOn(s -> s.equals("BEGIN")).hasSize(1);
        assertThat(statements.get(statements.indexOf("BEGIN") + 1)).contains("set_config('app.tenant_id', ?, true)");
        assertThat(statements).noneMatch(s -> s.contains("set_config('app.tenant_id', ?, false)"));
        assertThat(statements.get(statements.size() - 1)).isEqualTo("COMMIT");
    }

    /** A business whose caches are warm, as every busy one's are: it has taken a missed call already. */
    private Fixtures.TwilioBusiness businessThatTookACall(String name, boolean open) {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness(name, open);
        TwilioWebhooks twilio = new TwilioWebhooks();
        String caller = Fixtures.randomPhone();
        String callSid = TwilioCalls.callSid();
        twilio.post("/api/twilio/incoming-call", shop.authToken(), TwilioCalls.incomingCall(shop, callSid, caller))
                .then().statusCode(200);
        twilio.post("/api/twilio/dial-status", shop.authToken(), TwilioCalls.dialStatus(shop, callSid, caller, "no-answer"))
                .then().statusCode(200);
        return shop;
    }

    private static void assertWithinBudget(List<String> statements) {
        assertThat(statements).as("what reached PostgreSQL for one missed call:%n%s", String.join("\n", statements))
                .hasSizeLessThanOrEqualTo(BUDGET)
                // Counting works: the routing query and the work's transaction are there.
                .anyMatch(s -> s.contains("route_twilio_number"))
                .contains("BEGIN", "COMMIT");
    }

    private void assertMissedCallRecorded(Fixtures.TwilioBusiness shop, String callSid, String caller,
            InteractionStatus status) {
        scope.run(shop.tenantId(), () -> {
            Interaction call = Interaction.findByCallSid(callSid).orElseThrow();
            assertThat(call.status).isEqualTo(status);
            assertThat(call.category).isEqualTo("LEAD");
            Contact contact = Contact.findByPhone(caller).orElseThrow();
            assertThat(Lead.findOpenFor(contact.id)).isPresent();
            assertThat(FollowUp.count("contactId = ?1 and type = ?2", contact.id, FollowUpType.AUTO_SMS)).isOne();
        });
    }
}
