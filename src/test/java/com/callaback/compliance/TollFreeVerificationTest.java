package com.callaback.compliance;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.callaback.messaging.OutboxDispatcher;
import com.callaback.support.AsTenant;
import com.callaback.support.Fixtures;
import com.callaback.support.TwilioStub;
import com.callaback.telephony.PhoneNumber;
import com.callaback.telephony.TwilioAccount;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantScope;
import com.github.tomakehurst.wiremock.client.WireMock;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/** Toll-free verification from the same wizard, against the Twilio stub: submitted, rejected, corrected, approved. */
@QuarkusTest
class TollFreeVerificationTest {

    @Inject
    Wizard wizard;
    @Inject
    TenantScope scope;
    @Inject
    OutboxDispatcher dispatcher;

    @BeforeEach
    void reset() {
        TwilioStub.resetForTest(dispatcher);
        RegistrationStub.install();
    }

    @Test
    @TestSecurity(user = "tollfree-buyer")
    void anOwnerGetsATollFreeNumberFromTheWizardWithinThePlan() {
        Fixtures.TwilioBusiness b = wizard.business("Toll Free Trial", "tollfree-buyer");
        given().get(Wizard.PAGE).then().body(containsString("data-buy-toll-free"),
                containsString("(you have no toll-free number)"));
        given().redirects().follow(false).post(Wizard.PAGE + "/toll-free-number").then().statusCode(409);

        AsTenant.run(b.tenantId(), () -> {
            Tenant tenant = Tenant.findById(b.tenantId());
            tenant.plan = "pro";
            tenant.billingStatus = "active";
        });
        String tollFree = "+1888" + (2_000_000 + ThreadLocalRandom.current().nextInt(7_000_000));
        String api = "/2010-04-01/Accounts/" + b.accountSid();
        TwilioStub.server().stubFor(WireMock.get(WireMock.urlPathEqualTo(api + "/AvailablePhoneNumbers/US/TollFree.json"))
                .willReturn(RegistrationStub.json(200, "{\"available_phone_numbers\": [{\"phone_number\": \""
                        + tollFree + "\"}], \"uri\": \"/x\", \"first_page_uri\": \"/x\", \"next_page_uri\": null, "
                        + "\"previous_page_uri\": null, \"page\": 0, \"page_size\": 50}")));
        TwilioStub.server().stubFor(WireMock.post(WireMock.urlPathEqualTo(api + "/IncomingPhoneNumbers.json"))
                .willReturn(RegistrationStub.json(201, "{\"sid\": \"PN" + "7".repeat(32) + "\", \"phone_number\": \""
                        + tollFree + "\"}")));
        given().redirects().follow(false).post(Wizard.PAGE + "/toll-free-number").then().statusCode(303);

        assertThat(RegistrationStub.postBodies(api + "/IncomingPhoneNumbers.json", b.accountSid(), b.authToken()))
                .singleElement().asString().contains("PhoneNumber=" + tollFree, "SmsUrl=");
        given().get(Wizard.PAGE).then().body(containsString("Toll-free number (toll-free verification): " + tollFree));
        scope.run(b.tenantId(), () -> assertThat(PhoneNumber.listActive()).extracting(n -> n.e164).contains(tollFree));
    }

    @Test
    @TestSecurity(user = "tollfree-owner")
    void aTollFreeNumberIsVerifiedRejectedCorrectedAndApproved() {
        Fixtures.TwilioBusiness b = wizard.business("Toll Free Tiles", "tollfree-owner");
        String tollFree = "+1888" + (2_000_000 + ThreadLocalRandom.current().nextInt(7_000_000));
        String tollFreeSid = "PN" + UUID.randomUUID().toString().replace("-", "");
        scope.run(b.tenantId(), () -> {
            PhoneNumber number = new PhoneNumber();
            number.e164 = tollFree;
            number.twilioSid = tollFreeSid;
            number.twilioAccountId = TwilioAccount.<TwilioAccount>find("subaccountSid", b.accountSid()).firstResult().id;
            number.persist();
        });
        given().get(Wizard.PAGE).then().statusCode(200).body(containsString("Toll-free number (toll-free verification): "
                + tollFree));

        Map<String, Object> form = Wizard.companyForm();
        form.put("kind", "toll_free");
        Wizard.post(form).then().statusCode(303);

        TextingRegistration r = wizard.registration(b);
        assertThat(r.status).isEqualTo(RegistrationStatus.PENDING);
        assertThat(r.tollfreeStatus).isEqualTo("PENDING_REVIEW");
        assertThat(r.tollfreeNumberSid).isEqualTo(tollFreeSid);
        assertThat(r.brandSid).isNull();
        assertThat(r.feeCents).isZero();
        assertThat(RegistrationStub.postBodies("/v1/Tollfree/Verifications", b.accountSid(), b.authToken()))
                .singleElement().asString().contains("TollfreePhoneNumberSid=" + tollFreeSid,
                        "BusinessName=Registered Roofing LLC", "BusinessWebsite=https://roofing.example.com",
                        "UseCaseCategories=CUSTOMER_CARE", "BusinessRegistrationNumber=12-3456789",
                        "BusinessType=PRIVATE_PROFIT", "ProductionMessageSample=Hi Sam, sorry we missed you");
        assertThat(RegistrationStub.posts("/v1/EndUsers", b.accountSid(), b.authToken())).isZero();
        given().get(Wizard.PAGE).then().body(containsString("Twilio is reviewing your toll-free verification"),
                containsString("data-tollfree-status=\"PENDING_REVIEW\">Under review"));

        RegistrationStub.tollFree("TWILIO_REJECTED", "The website does not describe the business.");
        given().redirects().follow(false).post(Wizard.PAGE + "/check").then().statusCode(303);
        r = wizard.registration(b);
        assertThat(r.status).isEqualTo(RegistrationStatus.FAILED);
        given().get(Wizard.PAGE).then().body(containsString("Why: The website does not describe the business."),
                containsString("value=\"toll_free\" checked"));

        RegistrationStub.tollFree("TWILIO_APPROVED", null);
        form.put("website", "https://tiles.example.com");
        Wizard.post(form).then().statusCode(303);

        r = wizard.registration(b);
        assertThat(r.status).isEqualTo(RegistrationStatus.APPROVED);
        assertThat(RegistrationStub.postBodies("/v1/Tollfree/Verifications", b.accountSid(), b.authToken()))
                .hasSize(2).last().asString().contains("https://tiles.example.com");
        Tenant tenant = Wizard.tenant(b);
        assertThat(tenant.complianceType).isEqualTo("toll_free");
        assertThat(tenant.complianceStatus).isEqualTo("approved");
        assertThat(tenant.messagingServiceSid).isEqualTo(r.messagingServiceSid).isNotNull();
        assertThat(RegistrationStub.postBodies("/v1/Services/" + r.messagingServiceSid + "/PhoneNumbers",
                b.accountSid(), b.authToken())).anySatisfy(body -> assertThat(body).contains(tollFreeSid));
        scope.run(b.tenantId(), () -> assertThat(RegistrationFee.listForBusiness()).isEmpty());
    }
}
