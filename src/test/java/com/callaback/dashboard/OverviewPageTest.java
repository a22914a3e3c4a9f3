package com.callaback.dashboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.callaback.messaging.OutboxDispatcher;
import com.callaback.support.Fixtures;
import com.callaback.support.TwilioCalls;
import com.callaback.support.TwilioStub;
import com.callaback.support.TwilioWebhooks;
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
