package com.callaback.compliance;

import static com.callaback.compliance.RegistrationStub.SID;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.callaback.messaging.OutboxDispatcher;
import com.callaback.support.Fixtures;
import com.callaback.support.TwilioStub;
import com.callaback.telephony.TwilioGateway;
import com.callaback.tenant.TenantScope;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/**
 * A submission interrupted at any step is resumed by the worker where it stopped: every object created before the
 * failure is reused, none is created twice, and one Twilio created without our hearing of it is found again.
 */
@QuarkusTest
class RegistrationResumeTest {

    @Inject
    Fixtures fixtures;
    @Inject
    TenantScope scope;
    @Inject
    RegistrationWorker worker;
    @Inject
    OutboxDispatcher dispatcher;
    @Inject
    TwilioGateway twilio;

    @Inject
    Wizard wizard;
    @Inject
    RegistrationService registrations;

    @BeforeEach
    void reset() {
        TwilioStub.resetForTest(dispatcher);
        RegistrationStub.install();
    }

    @ParameterizedTest
    @ValueSource(strings = { "/v1/EndUsers", "/2010-04-01/Accounts/AC" + SID + "/Addresses.json",
            "/v1/SupportingDocuments", "/v1/CustomerProfiles", "/v1/CustomerProfiles/BU" + SID + "/EntityAssignments",
            "/v1/CustomerProfiles/BU" + SID, "/v1/TrustProducts", "/v1/TrustProducts/BU" + SID + "/EntityAssignments",
            "/v1/TrustProducts/BU" + SID, "/v1/a2p/BrandRegistrations", "/v1/Services",
            "/v1/Services/MG" + SID + "/PhoneNumbers", "/v1/Services/MG" + SID + "/Compliance/Usa2p" })
    @TestSecurity(user = "a2p-resume-owner")
    void aFailureAtAStepIsResumedThereWithNothingCreatedTwice(String failingStep) {
        Fixtures.TwilioBusiness b = wizard.business("Resumed Roofing", "a2p-resume-owner");
        RegistrationStub.brand("APPROVED", null);
        RegistrationStub.campaign("VERIFIED", null);
        StubMapping failure = RegistrationStub.failing(failingStep);

        Wizard.post(Wizard.companyForm()).then().statusCode(303);

        TextingRegistration stopped = wizard.registration(b);
        assertThat(stopped.status).isEqualTo(RegistrationStatus.SUBMITTING);
        assertThat(stopped.stepError).startsWith("Twilio refused to ").contains("Internal Server Error");
        assertThat(stopped.nextAttemptAt).isAfter(Instant.now());
        given().get(Wizard.PAGE).then().body(containsString("data-registration=\"submitting\""),
                containsString("we retry automatically"));

        TwilioStub.server().removeStub(failure);
        scope.run(b.tenantId(), () -> TextingRegistration.<TextingRegistration>findById(stopped.id).nextAttemptAt =
                Instant.now());
        assertThat(worker.runDue()).isGreaterThanOrEqualTo(1);

        assertThat(wizard.registration(b).status).isEqualTo(RegistrationStatus.APPROVED);
        assertThat(Wizard.tenant(b).complianceStatus).isEqualTo("approved");
        RegistrationStub.COMPANY_CREATES.forEach((path, times) -> assertThat(
                RegistrationStub.posts(path, b.accountSid(), b.authToken())).as(path)
                .isEqualTo(path.equals(failingStep) ? times + 1 : times));
    }

    @Test
    @TestSecurity(user = "a2p-lost-answer-owner")
    void aMessagingServiceTwilioCreatedWithoutAnsweringIsFoundNotCreatedAgain() {
        Fixtures.TwilioBusiness b = wizard.business("Lost Answer Lawns", "a2p-lost-answer-owner");
        StubMapping failure = RegistrationStub.failing("/v1/Services");
        Wizard.post(Wizard.companyForm()).then().statusCode(303);
        TextingRegistration stopped = wizard.registration(b);
        TwilioStub.server().removeStub(failure);

        String existing = "MG" + "e".repeat(32);
        String name = "Callaback " + stopped.id.toString().substring(0, 8) + " " + stopped.submittedAt.toEpochMilli()
                + " texts";
        TwilioStub.server().stubFor(get(urlPathEqualTo("/v1/Services")).atPriority(1).willReturn(RegistrationStub.json(
                200, "{\"services\": [{\"sid\": \"" + existing + "\", \"friendly_name\": \"" + name + "\"}], "
                        + "\"meta\": {\"page\": 0, \"page_size\": 50, \"first_page_url\": \"https://x.twilio.com/v1/x\","
                        + " \"previous_page_url\": null, \"url\": \"https://x.twilio.com/v1/x\", \"next_page_url\": "
                        + "null, \"key\": \"services\"}}")));
        registrations.checkNow(b.tenantId(), stopped.id);

        assertThat(wizard.registration(b).messagingServiceSid).isEqualTo(existing);
        assertThat(RegistrationStub.posts("/v1/Services", b.accountSid(), b.authToken())).isEqualTo(1); // the failed
        assertThat(RegistrationStub.posts("/v1/Services/" + existing + "/PhoneNumbers", b.accountSid(),
                b.authToken())).isEqualTo(1);
    }

    @Test
    @TestSecurity(user = "a2p-refused-owner")
    void aStepTwilioRefusesForGoodFailsTheRegistrationWithTwiliosWords() {
        Fixtures.TwilioBusiness b = wizard.business("Refused Rugs", "a2p-refused-owner");
        TwilioStub.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo(
                "/v1/a2p/BrandRegistrations")).atPriority(1).willReturn(RegistrationStub.json(400,
                        "{\"code\": 21650, \"message\": \"Brand registration requires an approved trust bundle\", "
                                + "\"status\": 400}")));
        Wizard.post(Wizard.companyForm()).then().statusCode(303);

        TextingRegistration r = wizard.registration(b);
        assertThat(r.status).isEqualTo(RegistrationStatus.FAILED);
        assertThat(r.rejectionReason).isEqualTo("Twilio refused to register the brand: Brand registration requires "
                + "an approved trust bundle");
        given().get(Wizard.PAGE).then().body(containsString("Why: Twilio refused to register the brand"));
    }

    @Test
    void aTextThroughTheMessagingServiceNamesTheServiceAndTheNumber() {
        Fixtures.TwilioBusiness b = fixtures.twilioBusiness("Service Sender", true);
        String service = "MG" + "a".repeat(32);
        String sid = twilio.sendSms(new TwilioGateway.Credentials(b.accountSid(), b.authToken()), b.number(),
                "+13125550177", "Hello", java.net.URI.create("https://example.com/status"), service);

        assertThat(sid).startsWith("SM");
        assertThat(RegistrationStub.postBodies("/2010-04-01/Accounts/" + b.accountSid() + "/Messages.json",
                b.accountSid(), b.authToken())).singleElement().asString()
                .contains("MessagingServiceSid=" + service, "From=" + b.number(), "To=+13125550177");
    }
}
