package com.callaback.dashboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.callaback.messaging.OutboxDispatcher;
import com.callaback.support.AsTenant;
import com.callaback.support.Fixtures;
import com.callaback.support.TwilioCalls;
import com.callaback.support.TwilioStub;
import com.callaback.support.TwilioWebhooks;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantScope;


import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/** The overview shows what happened today and the latest activity with its caller, linked to the thread. */
@QuarkusTest
class OverviewPageTest {

    private static final String CALLER = "+13125550177";

    @Inject
    Fixtures fixtures;
    @Inject
    OutboxDispatcher dispatcher;
    @Inject
    TenantScope scope;
    @Inject
    EntityManager em;

    @BeforeEach
    void resetTwilio() {
        TwilioStub.resetForTest(dispatcher);
    }

    @Test
    @TestSecurity(user = "overview-owner")
    void todaysFiguresAndLatestActivityWithCallerCategoryAndLink() {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Overview Plumbing", true);
        fixtures.member(shop.tenantId(), "overview-owner", "owner");
        Fixtures.TwilioBusiness other = fixtures.twilioBusiness("Overview Rival Plumbing", true);
        TwilioWebhooks twilio = new TwilioWebhooks();
        missedCall(twilio, other, "+13125550178");
        assertThat(dispatcher.dispatchDue("overview-worker")).as("the other business's text").isEqualTo(1);
        switchTo(shop.tenantId());

        given().get("/").then().statusCode(200)
                .body(containsString("<h1>Overview Plumbing</h1>"), containsString("data-stat=\"missed-calls\">0<"),
                        containsString("Nothing yet."));

        missedCall(twilio, shop, CALLER);
        assertThat(dispatcher.dispatchDue("overview-worker")).isEqualTo(1);
        twilio.post("/api/twilio/incoming-sms", shop.authToken(),
                TwilioCalls.incomingSms(shop, TwilioCalls.messageSid(), CALLER, "Can you call me back this afternoon?"))
                .then().statusCode(200);
        UUID contactId = scope.call(shop.tenantId(),
                () -> com.callaback.contacts.Contact.findByPhone(CALLER).orElseThrow().id);

        String page = given().get("/").then().statusCode(200).extract().asString();
        assertThat(page).contains("data-stat=\"missed-calls\">1<", "data-stat=\"texts-sent\">1<",
                "data-stat=\"texts-delivered\">0<", "data-stat=\"replies\">1<", "data-stat=\"new-leads\">1<",
                "data-stat=\"pending-follow-ups\">0 texts waiting");
        assertThat(page).as("every line names the caller and links to the thread")
                .contains("href=\"/conversations/" + contactId + "\">(312) 555-0177</a>", "Missed call", "Text received",
                        "Can you call me back this afternoon?", "data-category=\"CALLBACK\"", "Text sent");
        assertThat(page).as("another business's caller never shows").doesNotContain("+13125550178");
    }

    @Test
    @TestSecurity(user = "overview-agency-owner")
    void anAgencyIsToldItHasNoNumberOfItsOwnOnBothPages() {
        UUID agency = fixtures.agency("Overview Agency");
        fixtures.member(agency, "overview-agency-owner", "owner");
        switchTo(agency);
        given().get("/").then().statusCode(200).body(containsString("data-agency-numbers"),
                not(containsString("No number yet")), containsString("href=\"/agency\""),
                not(containsString("<a href=\"/conversations\">")), not(containsString("<a href=\"/leads\">")));
        given().get("/settings/numbers").then().statusCode(200).body(containsString("data-agency-numbers"));
    }

    @Test
    @TestSecurity(user = "overview-usage-owner")
    void usageAgainstThePlanThisPeriodAndTheTrialTextsLeft() {
        UUID shop = fixtures.business("Overview Usage Bakery");
        fixtures.member(shop, "overview-usage-owner", "owner");
        UUID rival = fixtures.business("Overview Usage Rival");
        Instant periodStart = Instant.now().minus(10, ChronoUnit.DAYS);
        AsTenant.run(shop, () -> {
            Tenant tenant = Tenant.findById(shop);
            tenant.plan = "pro";
            tenant.billingStatus = "active";
            tenant.trialTextLimit = null;
            tenant.currentPeriodStart = periodStart;
            tenant.currentPeriodEnd = periodStart.plus(30, ChronoUnit.DAYS);
        });
        UUID contact = fixtures.contact(shop, Fixtures.randomPhone(), null);
        // Counted: two texts of 3 and 2 segments and one whose segments are not known yet (1). Not counted: a
        // failed text, one sent before the period, and the other business's.
        text(shop, contact, "delivered", 3, Instant.now().minus(1, ChronoUnit.DAYS));
        text(shop, contact, "sent", 2, Instant.now());
        text(shop, contact, "sent", null, Instant.now());
        text(shop, contact, "failed", 4, Instant.now());
        text(shop, contact, "delivered", 5, periodStart.minus(1, ChronoUnit.DAYS));
        text(rival, fixtures.contact(rival, Fixtures.randomPhone(), null), "delivered", 7, Instant.now());
        switchTo(shop);

        String page = given().get("/").then().statusCode(200).extract().asString();
        assertThat(page).contains("data-usage=\"segments-used\">6<", "data-usage=\"segments-included\">2000<",
                "Pro plan", "(3 texts, automatic ones included)").doesNotContain("trial texts left");
        assertThat(page.substring(page.indexOf("data-usage>"))).as("the owner is pointed to Billing")
                .contains("href=\"/billing\"");

        AsTenant.run(shop, () -> {
            Tenant tenant = Tenant.findById(shop);
            tenant.plan = "starter";
            tenant.billingStatus = "trialing";
            tenant.trialTextLimit = 50;
        });
        scope.run(shop, () -> em.createNativeQuery("update tenants set trial_texts_used = 12 where id = current_tenant_id()")
                .executeUpdate());
        given().get("/").then().statusCode(200).body(containsString("data-usage=\"trial-texts-left\">38<"),
                containsString("data-usage=\"trial-text-limit\">50<"), not(containsString("data-usage=\"segments-used\"")));
    }

    private void text(UUID tenant, UUID contact, String status, Integer segments, Instant at) {
        scope.run(tenant, () -> em.createNativeQuery("insert into sms_metrics (tenant_id, id, contact_id, message_sid,"
                + " status, is_delivered, is_failed, segments, created_at) values (current_tenant_id(), gen_random_uuid(),"
                + " ?1, ?2, ?3, ?4, ?5, ?6, ?7)").setParameter(1, contact)
                .setParameter(2, "SM" + UUID.randomUUID().toString().replace("-", "")).setParameter(3, status)
                .setParameter(4, "delivered".equals(status)).setParameter(5, "failed".equals(status))
                .setParameter(6, segments).setParameter(7, at).executeUpdate());
    }

    private static void missedCall(TwilioWebhooks twilio, Fixtures.TwilioBusiness business, String caller) {
        String callSid = TwilioCalls.callSid();
        twilio.post("/api/twilio/incoming-call", business.authToken(), TwilioCalls.incomingCall(business, callSid, caller))
                .then().statusCode(200);
        twilio.post("/api/twilio/dial-status", business.authToken(),
                TwilioCalls.dialStatus(business, callSid, caller, "no-answer")).then().statusCode(200);
    }

    private static void switchTo(UUID tenant) {
        given().redirects().follow(false).formParam("tenant", tenant.toString()).post("/switch").then().statusCode(303);
    }
}
