package com.callaback.compliance;

import static com.callaback.compliance.RegistrationStub.SID;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.callaback.dashboard.Notification;
import com.callaback.followups.FollowUp;
import com.callaback.followups.FollowUpStatus;
import com.callaback.followups.FollowUpType;
import com.callaback.followups.SkipReason;
import com.callaback.messaging.OutboxDispatcher;
import com.callaback.support.Fixtures;
import com.callaback.support.TwilioStub;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantScope;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;

/**
 * The registration wizard against the local Twilio stub with the real SDK: a company and a sole proprietor end to
 * end, answers checked field by field, a rejection shown and resubmitted, held texts released on approval.
 */
@QuarkusTest
class RegistrationTest {

    static final String PAGE = "/settings/texting-registration";

    @Inject
    Fixtures fixtures;
    @Inject
    TenantScope scope;
    @Inject
    RegistrationService registrations;
    @Inject
    OutboxDispatcher dispatcher;

    @BeforeEach
    void reset() {
        TwilioStub.resetForTest(dispatcher);
        RegistrationStub.install();
    }

    @Test
    @TestSecurity(user = "a2p-company-owner")
    void aCompanyRegistersThroughTheWizardAndItsTextsGoThroughItsMessagingService() {
        Fixtures.TwilioBusiness b = business("Registered Roofing", "a2p-company-owner");

        given().get(PAGE).then().statusCode(200)
                .body(containsString("Hi Sam, sorry we missed you at Registered Roofing! How can we help? Reply STOP"),
                        containsString("data-fee=\"company-total\">$59.00"), containsString("data-fee=\"sole-total\">$19.00"),
                        containsString("value=\"Registered Roofing\""), not(containsString("data-registration")));

        post(companyForm()).then().statusCode(303);

        TextingRegistration r = registration(b);
        assertThat(r.status).isEqualTo(RegistrationStatus.PENDING);
        assertThat(r.brandStatus).isEqualTo("PENDING");
        assertThat(r.brandSid).matches("BN" + SID);
        assertThat(r.messagingServiceSid).matches("MG" + SID);
        assertThat(r.customerProfileSid).matches("BU" + SID);
        assertThat(r.trustProductSid).matches("BU" + SID);
        assertThat(r.campaignSid).isNull();
        assertThat(r.ein).isEqualTo("12-3456789");
        assertThat(tenant(b).complianceStatus).isEqualTo("pending");
        assertThat(RegistrationStub.postBodies("/v1/EndUsers", b.accountSid(), b.authToken()))
                .anySatisfy(body -> assertThat(body).contains("Type=customer_profile_business_information",
                        "\"business_registration_number\":\"12-3456789\"", "Registered Roofing LLC"))
                .anySatisfy(body -> assertThat(body).contains("Type=authorized_representative_1", "Dana"));
        assertThat(RegistrationStub.postBodies("/v1/CustomerProfiles", b.accountSid(), b.authToken()))
                .singleElement().asString().contains("PolicySid=RNdfbf3fae0e1107f8aded0e7cead80bf5");
        assertThat(RegistrationStub.postBodies("/v1/a2p/BrandRegistrations", b.accountSid(), b.authToken()))
                .singleElement().asString().contains("BrandType=STANDARD", r.customerProfileSid, r.trustProductSid);
        assertThat(RegistrationStub.postBodies("/v1/Services/MG" + SID + "/PhoneNumbers", b.accountSid(),
                b.authToken())).singleElement().asString().contains("PhoneNumberSid=" + numberSid(b));
        given().get(PAGE).then().statusCode(200).body(containsString("data-registration=\"pending\""),
                containsString("The Campaign Registry is reviewing your brand"), not(containsString("data-wizard")));

        RegistrationStub.brand("APPROVED", null);
        given().redirects().follow(false).post(PAGE + "/check").then().statusCode(303);
        r = registration(b);
        assertThat(r.campaignSid).matches("QE" + SID);
        assertThat(r.status).isEqualTo(RegistrationStatus.PENDING);
        assertThat(RegistrationStub.postBodies("/v1/Services/MG" + SID + "/Compliance/Usa2p", b.accountSid(),
                b.authToken())).singleElement().asString().contains("UsAppToPersonUsecase=CUSTOMER_CARE",
                        "BrandRegistrationSid=" + r.brandSid, "MessageSamples=Hi Sam, sorry we missed you",
                        "MessageFlow=Customers call Registered Roofing");
        given().get(PAGE).then().body(containsString("the carriers are reviewing your campaign"));

        RegistrationStub.campaign("VERIFIED", null);
        given().redirects().follow(false).post(PAGE + "/check").then().statusCode(303);
        r = registration(b);
        assertThat(r.status).isEqualTo(RegistrationStatus.APPROVED);
        Tenant tenant = tenant(b);
        assertThat(tenant.complianceStatus).isEqualTo("approved");
        assertThat(tenant.messagingServiceSid).isEqualTo(r.messagingServiceSid);
        assertThat(tenant.a2pBrandSid).isEqualTo(r.brandSid);
        String brand = r.brandSid;
        String campaign = r.campaignSid;
        scope.run(b.tenantId(), () -> assertThat(RegistrationFee.listForBusiness())
                .extracting(f -> f.item + " " + f.amountCents + " " + f.twilioSid)
                .containsExactly("brand_vetting 4400 " + brand, "campaign_vetting 1500 " + campaign));
        given().get(PAGE).then().body(containsString("data-registration=\"approved\""),
                containsString("your texts go out through your registered messaging service"));
        RegistrationStub.COMPANY_CREATES.forEach((path, times) -> assertThat(
                RegistrationStub.posts(path, b.accountSid(), b.authToken())).as(path).isEqualTo(times));
    }

    @Test
    @TestSecurity(user = "a2p-sole-owner")
    void aSoleProprietorRegistersWithoutAnEin() {
        Fixtures.TwilioBusiness b = business("Sole Sparky", "a2p-sole-owner");
        Map<String, Object> form = companyForm();
        form.put("businessType", "sole_proprietor");
        form.remove("ein");
        form.remove("website");
        form.put("useCase", "nonsense: a sole proprietor's use case is always SOLE_PROPRIETOR");

        post(form).then().statusCode(303);
        RegistrationStub.brand("APPROVED", null);
        RegistrationStub.campaign("VERIFIED", null);
        registrations.checkNow(b.tenantId(), registration(b).id);

        TextingRegistration r = registration(b);
        assertThat(r.status).isEqualTo(RegistrationStatus.APPROVED);
        assertThat(r.ein).isNull();
        assertThat(r.representativeSid).isNull();
        assertThat(r.a2pProfileSid).isNull();
        assertThat(RegistrationStub.postBodies("/v1/EndUsers", b.accountSid(), b.authToken())).singleElement()
                .asString().contains("Type=starter_customer_profile_information", "\"first_name\":\"Dana\"");
        assertThat(RegistrationStub.postBodies("/v1/CustomerProfiles", b.accountSid(), b.authToken()))
                .singleElement().asString().contains("PolicySid=RN806dd6cd175f314e1f96a9727ee271f4");
        assertThat(RegistrationStub.postBodies("/v1/TrustProducts", b.accountSid(), b.authToken()))
                .singleElement().asString().contains("PolicySid=RN670d5d2e282a6130ae063b234b6019c8");
        assertThat(RegistrationStub.postBodies("/v1/a2p/BrandRegistrations", b.accountSid(), b.authToken()))
                .singleElement().asString().contains("BrandType=SOLE_PROPRIETOR");
        assertThat(RegistrationStub.postBodies("/v1/Services/MG" + SID + "/Compliance/Usa2p", b.accountSid(),
                b.authToken())).singleElement().asString().contains("UsAppToPersonUsecase=SOLE_PROPRIETOR");
        assertThat(r.feeCents).isEqualTo(400 + 1500);
        assertThat(tenant(b).complianceStatus).isEqualTo("approved");
    }

    @Test
    @TestSecurity(user = "a2p-careless-owner")
    void wrongAnswersAreA400NamingEachFieldAndNothingIsSubmitted() {
        Fixtures.TwilioBusiness b = business("Careless Carpets", "a2p-careless-owner");
        Map<String, Object> form = companyForm();
        form.put("ein", "12-34");
        form.put("region", "Illinois");
        form.put("postalCode", "6060");
        form.put("website", "carpets");
        form.put("contactEmail", "dana-at-example");
        form.put("contactPhone", "555-0100");
        form.put("sampleMessage1", " ");
        form.put("messageFlow", "They call.");
        form.remove("consent");

        post(form).then().statusCode(400).body(containsString("data-form-errors"),
                containsString("Enter the business&#39;s EIN: 9 digits"),
                containsString("Enter the state as its two-letter code"), containsString("Enter a US ZIP code"),
                containsString("Enter the business&#39;s website, starting with https://"),
                containsString("Enter the contact&#39;s e-mail address"),
                containsString("Enter the contact&#39;s US mobile number"),
                containsString("Give a sample of a text you send"),
                containsString("in 40 characters at least"),
                containsString("Confirm the details are true and agree to the fees"),
                containsString("value=\"carpets\""));
        form = companyForm();
        form.put("kind", "toll_free");
        post(form).then().statusCode(400).body(containsString("Toll-free verification needs a toll-free number"));

        scope.run(b.tenantId(), () -> assertThat(TextingRegistration.current()).isEmpty());
        assertThat(RegistrationStub.posts("/v1/.*", b.accountSid(), b.authToken())).isZero();
        assertThat(tenant(b).complianceStatus).isEqualTo("registration_required");
    }

    @Test
    @TestSecurity(user = "a2p-rejected-owner")
    void aRejectedBrandIsShownWithItsReasonAndResubmittedCorrected() {
        Fixtures.TwilioBusiness b = business("Rejected Renovations", "a2p-rejected-owner");
        post(companyForm()).then().statusCode(303);
        String firstProfile = registration(b).customerProfileSid;

        RegistrationStub.brand("FAILED", "The EIN and the legal name do not match the IRS records.");
        registrations.checkNow(b.tenantId(), registration(b).id);

        TextingRegistration r = registration(b);
        assertThat(r.status).isEqualTo(RegistrationStatus.FAILED);
        assertThat(r.rejectionReason).isEqualTo("The EIN and the legal name do not match the IRS records.");
        assertThat(tenant(b).complianceStatus).isEqualTo("rejected");
        scope.run(b.tenantId(), () -> assertThat(Notification.<Notification>listAll())
                .anySatisfy(n -> assertThat(n.body).contains("do not match the IRS records")));
        given().get(PAGE).then().statusCode(200).body(containsString("data-registration=\"failed\""),
                containsString("Why: The EIN and the legal name do not match the IRS records."),
                containsString("data-wizard"), containsString("value=\"12-3456789\""),
                containsString("Submit again"));

        RegistrationStub.brand("PENDING", null);
        Map<String, Object> corrected = companyForm();
        corrected.put("ein", "98-7654321");
        post(corrected).then().statusCode(303);

        r = registration(b);
        assertThat(r.status).isEqualTo(RegistrationStatus.PENDING);
        assertThat(r.rejectionReason).isNull();
        assertThat(r.customerProfileSid).isNotEqualTo(firstProfile);
        assertThat(RegistrationStub.posts("/v1/a2p/BrandRegistrations", b.accountSid(), b.authToken())).isEqualTo(2);
        assertThat(RegistrationStub.posts("/v1/Services", b.accountSid(), b.authToken())).isEqualTo(1);
        assertThat(RegistrationStub.postBodies("/v1/EndUsers", b.accountSid(), b.authToken()))
                .anySatisfy(body -> assertThat(body).contains("98-7654321"));
        assertThat(tenant(b).complianceStatus).isEqualTo("pending");
    }

    @Test
    @TestSecurity(user = "a2p-campaign-owner")
    void aRejectedCampaignIsWithdrawnAndSubmittedAgain() {
        Fixtures.TwilioBusiness b = business("Campaign Cleaners", "a2p-campaign-owner");
        RegistrationStub.brand("APPROVED", null);
        RegistrationStub.campaign("FAILED", "The opt-in description does not show how customers agree to texts.");
        post(companyForm()).then().statusCode(303);

        TextingRegistration r = registration(b);
        assertThat(r.status).isEqualTo(RegistrationStatus.FAILED);
        assertThat(r.rejectionReason).isEqualTo("The opt-in description does not show how customers agree to texts.");
        given().get(PAGE).then().body(containsString("Why: The opt-in description does not show"));

        RegistrationStub.campaign("VERIFIED", null);
        Map<String, Object> corrected = companyForm();
        corrected.put("messageFlow", "Callers call us first; our voicemail greeting says we text back, and a caller "
                + "can say no. STOP opts out at any time.");
        post(corrected).then().statusCode(303);

        r = registration(b);
        assertThat(r.status).isEqualTo(RegistrationStatus.APPROVED);
        assertThat(TwilioStub.server().findAll(com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(
                        "/v1/Services/MG" + SID + "/Compliance/Usa2p/QE" + SID)))).hasSize(1);
        assertThat(RegistrationStub.postBodies("/v1/Services/MG" + SID + "/Compliance/Usa2p", b.accountSid(),
                b.authToken())).hasSize(2).last().asString().contains("our voicemail greeting says we text back");
        // The brand was approved: it is not registered (nor paid for) again.
        assertThat(RegistrationStub.posts("/v1/a2p/BrandRegistrations", b.accountSid(), b.authToken())).isEqualTo(1);
        scope.run(b.tenantId(), () -> assertThat(RegistrationFee.listForBusiness()).extracting(f -> f.item)
                .containsExactly("brand_vetting", "campaign_vetting", "campaign_vetting"));
    }

    @Test
    @TestSecurity(user = "a2p-held-owner")
    void heldTextsGoOutOnApprovalAndStaleTextBacksAreCancelled() {
        Fixtures.TwilioBusiness b = business("Held Heating", "a2p-held-owner");
        UUID contact = fixtures.contact(b.tenantId(), Fixtures.randomPhone(), "Max");
        UUID old = fixtures.contact(b.tenantId(), Fixtures.randomPhone(), "Olga");
        scope.run(b.tenantId(), () -> {
            FollowUp.schedule(contact, null, FollowUpType.MANUAL_SMS, "Your estimate is ready", Instant.now());
            FollowUp.schedule(old, null, FollowUpType.AUTO_SMS, "Sorry we missed your call", Instant.now());
        });
        while (dispatcher.dispatchDue("a2p-held") > 0) {
            // hold them
        }
        scope.run(b.tenantId(), () -> {
            assertThat(FollowUp.<FollowUp>listAll()).allSatisfy(f -> {
                assertThat(f.status).isEqualTo(FollowUpStatus.HELD);
                assertThat(f.skipReason).isEqualTo(SkipReason.COMPLIANCE_REGISTRATION_REQUIRED);
            });
            FollowUp.update("createdAt = ?1 where contactId = ?2", Instant.now().minus(4, ChronoUnit.DAYS), old);
        });

        RegistrationStub.brand("APPROVED", null);
        RegistrationStub.campaign("VERIFIED", null);
        post(companyForm()).then().statusCode(303);
        assertThat(registration(b).status).isEqualTo(RegistrationStatus.APPROVED);

        while (dispatcher.dispatchDue("a2p-held") > 0) {
            // send what was released
        }
        scope.run(b.tenantId(), () -> {
            FollowUp sent = FollowUp.find("contactId", contact).firstResult();
            assertThat(sent.status).isEqualTo(FollowUpStatus.SENT);
            FollowUp stale = FollowUp.find("contactId", old).firstResult();
            assertThat(stale.status).isEqualTo(FollowUpStatus.CANCELLED);
            assertThat(stale.lastError).contains("Held too long");
            assertThat(Notification.<Notification>listAll()).anySatisfy(n -> assertThat(n.body)
                    .contains("1 held texts are going out now", "1 automatic texts older than 72 hours"));
        });
    }

    Fixtures.TwilioBusiness business(String name, String owner) {
        Fixtures.TwilioBusiness b = fixtures.twilioBusiness(name, true);
        fixtures.member(b.tenantId(), owner, "owner");
        given().redirects().follow(false).formParam("tenant", b.tenantId().toString()).post("/switch").then()
                .statusCode(303);
        QuarkusTransaction.requiringNew().run(() -> {
            Tenant tenant = Tenant.findById(b.tenantId());
            tenant.complianceType = "a2p_10dlc";
            tenant.complianceStatus = "registration_required";
        });
        return b;
    }

    static Map<String, Object> companyForm() {
        Map<String, Object> form = new HashMap<>();
        form.put("kind", "a2p_10dlc");
        form.put("businessType", "company");
        form.put("legalName", "Registered Roofing LLC");
        form.put("ein", "123456789");
        form.put("street", "1 Main St");
        form.put("city", "Chicago");
        form.put("region", "il");
        form.put("postalCode", "60601");
        form.put("website", "https://roofing.example.com");
        form.put("contactFirstName", "Dana");
        form.put("contactLastName", "Lee");
        form.put("contactEmail", "dana@roofing.example.com");
        form.put("contactPhone", "(312) 555-0100".replace("(", "+1").replace(")", ""));
        form.put("contactTitle", "Owner");
        form.put("useCase", "CUSTOMER_CARE");
        form.put("description", "We text back callers whose calls we missed, to answer what they called about.");
        form.put("sampleMessage1", "Hi Sam, sorry we missed you at Registered Roofing! How can we help? Reply STOP "
                + "to opt out.");
        form.put("sampleMessage2", "Registered Roofing: reply STOP to opt out. For help call us back.");
        form.put("messageFlow", "Customers call Registered Roofing. When we miss a call we text the caller back once; "
                + "they can reply STOP to opt out.");
        form.put("consent", "on");
        return form;
    }

    static Response post(Map<String, Object> form) {
        var spec = given().redirects().follow(false);
        for (Map.Entry<String, Object> field : form.entrySet()) {
            spec = spec.formParam(field.getKey(), field.getValue());
        }
        return spec.post(PAGE);
    }

    TextingRegistration registration(Fixtures.TwilioBusiness b) {
        return scope.call(b.tenantId(), () -> TextingRegistration.current().orElseThrow());
    }

    String numberSid(Fixtures.TwilioBusiness b) {
        return scope.call(b.tenantId(), () -> com.callaback.telephony.PhoneNumber.<com.callaback.telephony.PhoneNumber>
                findById(b.numberId()).twilioSid);
    }

    static Tenant tenant(Fixtures.TwilioBusiness b) {
        return QuarkusTransaction.requiringNew().call(() -> Tenant.findById(b.tenantId()));
    }
}
