package com.callaback.compliance;

import static com.callaback.compliance.RegistrationStub.SID;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
import com.callaback.support.TwilioWebhooks;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantScope;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/**
 * The registration wizard against the local Twilio stub with the real SDK: a company and a sole proprietor end to
 * end, answers checked field by field, a rejection shown and resubmitted, held texts released on approval.
 */
@QuarkusTest
class RegistrationTest {

    static final String PAGE = Wizard.PAGE;

    @Inject
    Fixtures fixtures;
    @Inject
    Wizard wizard;
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
        Fixtures.TwilioBusiness b = wizard.business("Registered Roofing", "a2p-company-owner");

        given().get(PAGE).then().statusCode(200)
                .body(containsString("Hi Sam, sorry we missed you at Registered Roofing! How can we help? Reply STOP"),
                        containsString("data-fee=\"company-total\">$59.00"), containsString("data-fee=\"sole-total\">$19.00"),
                        containsString("value=\"Registered Roofing\""), not(containsString("data-registration")));

        Wizard.post(Wizard.companyForm()).then().statusCode(303);

        TextingRegistration r = wizard.registration(b);
        assertThat(r.status).isEqualTo(RegistrationStatus.PENDING);
        assertThat(r.brandStatus).isEqualTo("PENDING");
        assertThat(r.brandSid).matches("BN" + SID);
        assertThat(r.messagingServiceSid).matches("MG" + SID);
        assertThat(r.customerProfileSid).matches("BU" + SID);
        assertThat(r.trustProductSid).matches("BU" + SID);
        assertThat(r.campaignSid).isNull();
        assertThat(r.ein).isEqualTo("12-3456789");
        assertThat(Wizard.tenant(b).complianceStatus).isEqualTo("pending");
        assertThat(RegistrationStub.postBodies("/v1/EndUsers", b.accountSid(), b.authToken()))
                .anySatisfy(body -> assertThat(body).contains("Type=customer_profile_business_information",
                        "\"business_registration_number\":\"12-3456789\"", "Registered Roofing LLC"))
                .anySatisfy(body -> assertThat(body).contains("Type=authorized_representative_1", "Dana"));
        assertThat(RegistrationStub.postBodies("/v1/CustomerProfiles", b.accountSid(), b.authToken()))
                .singleElement().asString().contains("PolicySid=RNdfbf3fae0e1107f8aded0e7cead80bf5");
        assertThat(RegistrationStub.postBodies("/v1/a2p/BrandRegistrations", b.accountSid(), b.authToken()))
                .singleElement().asString().contains("BrandType=STANDARD", r.customerProfileSid, r.trustProductSid);
        assertThat(RegistrationStub.postBodies("/v1/Services/MG" + SID + "/PhoneNumbers", b.accountSid(),
                b.authToken())).singleElement().asString().contains("PhoneNumberSid=" + wizard.numberSid(b));
        given().get(PAGE).then().statusCode(200).body(containsString("data-registration=\"pending\""),
                containsString("The Campaign Registry is reviewing your brand"), not(containsString("data-wizard")));

        RegistrationStub.brand("APPROVED", null);
        given().redirects().follow(false).post(PAGE + "/check").then().statusCode(303);
        r = wizard.registration(b);
        assertThat(r.campaignSid).matches("QE" + SID);
        assertThat(r.status).isEqualTo(RegistrationStatus.PENDING);
        assertThat(RegistrationStub.postBodies("/v1/Services/MG" + SID + "/Compliance/Usa2p", b.accountSid(),
                b.authToken())).singleElement().asString().contains("UsAppToPersonUsecase=CUSTOMER_CARE",
                        "BrandRegistrationSid=" + r.brandSid, "MessageSamples=Hi Sam, sorry we missed you",
                        "MessageFlow=Customers call Registered Roofing");
        given().get(PAGE).then().body(containsString("the carriers are reviewing your campaign"));

        RegistrationStub.campaign("VERIFIED", null);
        given().redirects().follow(false).post(PAGE + "/check").then().statusCode(303);
        r = wizard.registration(b);
        assertThat(r.status).isEqualTo(RegistrationStatus.APPROVED);
        Tenant tenant = Wizard.tenant(b);
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
    @TestSecurity(user = "a2p-callback-owner")
    void twiliosStatusCallbackReadsTheRegistrationAtOnceAndAForgedOneIsRefused() {
        Fixtures.TwilioBusiness b = wizard.business("Callback Carpentry", "a2p-callback-owner");
        Wizard.post(Wizard.companyForm()).then().statusCode(303);
        TextingRegistration r = wizard.registration(b);
        assertThat(r.status).isEqualTo(RegistrationStatus.PENDING);
        assertThat(RegistrationStub.postBodies("/v1/(CustomerProfiles|TrustProducts)", b.accountSid(), b.authToken()))
                .hasSize(2).allSatisfy(body -> assertThat(body).contains(
                        "StatusCallback=" + TwilioWebhooks.PUBLIC_BASE_URL + "/api/twilio/registration-status"));
        RegistrationStub.brand("APPROVED", null);
        RegistrationStub.campaign("VERIFIED", null);
        Map<String, String> callback = Map.of("AccountSid", b.accountSid(), "BundleSid", r.customerProfileSid,
                "Status", "twilio-approved");

        TwilioWebhooks.postUnrecorded("/api/twilio/registration-status", "forged", callback).then().statusCode(403);
        assertThat(wizard.registration(b).status).isEqualTo(RegistrationStatus.PENDING);

        new TwilioWebhooks().post("/api/twilio/registration-status", b.authToken(), callback).then().statusCode(204);
        assertThat(wizard.registration(b).status).isEqualTo(RegistrationStatus.APPROVED);
    }

    @Test
    @TestSecurity(user = "a2p-sole-owner")
    void aSoleProprietorRegistersWithoutAnEin() {
        Fixtures.TwilioBusiness b = wizard.business("Sole Sparky", "a2p-sole-owner");
        Map<String, Object> form = Wizard.companyForm();
        form.put("businessType", "sole_proprietor");
        form.remove("ein");
        form.remove("website");
        form.put("useCase", "nonsense: a sole proprietor's use case is always SOLE_PROPRIETOR");

        Wizard.post(form).then().statusCode(303);
        RegistrationStub.brand("APPROVED", null);
        RegistrationStub.campaign("VERIFIED", null);
        registrations.checkNow(b.tenantId(), wizard.registration(b).id);

        TextingRegistration r = wizard.registration(b);
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
        assertThat(Wizard.tenant(b).complianceStatus).isEqualTo("approved");
    }

    @Test
    @TestSecurity(user = "a2p-double-click-owner")
    void twoSubmissionsAtOnceSubmitOnceAndTellTheSecondWhy() throws Exception {
        Fixtures.TwilioBusiness b = wizard.business("Double Click Decks", "a2p-double-click-owner");
        java.util.concurrent.ExecutorService clicks = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(2);
            java.util.List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                answers.add(clicks.submit(() -> {
                    ready.countDown();
                    ready.await();
                    return Wizard.post(Wizard.companyForm()).statusCode();
                }));
            }
            java.util.List<Integer> statuses = new java.util.ArrayList<>();
            for (var answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).containsExactlyInAnyOrder(303, 400);
        } finally {
            clicks.shutdownNow();
        }
        assertThat(wizard.registration(b).status).isIn(RegistrationStatus.PENDING, RegistrationStatus.SUBMITTING);
    }

    @Test
    @TestSecurity(user = "a2p-careless-owner")
    void wrongAnswersAreA400NamingEachFieldAndNothingIsSubmitted() {
        Fixtures.TwilioBusiness b = wizard.business("Careless Carpets", "a2p-careless-owner");
        Map<String, Object> form = Wizard.companyForm();
        form.put("ein", "12-34");
        form.put("region", "Illinois");
        form.put("postalCode", "6060");
        form.put("website", "carpets");
        form.put("contactEmail", "dana-at-example");
        form.put("contactPhone", "555-0100");
        form.put("sampleMessage1", " ");
        form.put("messageFlow", "They call.");
        form.remove("consent");

        Wizard.post(form).then().statusCode(400).body(containsString("data-form-errors"),
                containsString("Enter the business&#39;s EIN: 9 digits"),
                containsString("Enter the state as its two-letter code"), containsString("Enter a US ZIP code"),
                containsString("Enter the business&#39;s website, starting with https://"),
                containsString("Enter the contact&#39;s e-mail address"),
                containsString("Enter the contact&#39;s US mobile number"),
                containsString("Give a sample of a text you send"),
                containsString("in 40 characters at least"),
                containsString("Confirm the details are true and agree to the fees"),
                containsString("value=\"carpets\""));
        form = Wizard.companyForm();
        form.put("kind", "toll_free");
        Wizard.post(form).then().statusCode(400).body(containsString("Toll-free verification needs a toll-free number"));

        scope.run(b.tenantId(), () -> assertThat(TextingRegistration.current()).isEmpty());
        assertThat(RegistrationStub.posts("/v1/.*", b.accountSid(), b.authToken())).isZero();
        assertThat(Wizard.tenant(b).complianceStatus).isEqualTo("registration_required");
    }

    @Test
    @TestSecurity(user = "a2p-rejected-owner")
    void aRejectedBrandIsShownWithItsReasonAndResubmittedCorrected() {
        Fixtures.TwilioBusiness b = wizard.business("Rejected Renovations", "a2p-rejected-owner");
        Wizard.post(Wizard.companyForm()).then().statusCode(303);
        String firstProfile = wizard.registration(b).customerProfileSid;

        RegistrationStub.brand("FAILED", "The EIN and the legal name do not match the IRS records.");
        registrations.checkNow(b.tenantId(), wizard.registration(b).id);

        TextingRegistration r = wizard.registration(b);
        assertThat(r.status).isEqualTo(RegistrationStatus.FAILED);
        assertThat(r.rejectionReason).isEqualTo("The EIN and the legal name do not match the IRS records.");
        assertThat(Wizard.tenant(b).complianceStatus).isEqualTo("rejected");
        scope.run(b.tenantId(), () -> assertThat(Notification.<Notification>listAll())
                .anySatisfy(n -> assertThat(n.body).contains("do not match the IRS records")));
        given().get(PAGE).then().statusCode(200).body(containsString("data-registration=\"failed\""),
                containsString("Why: The EIN and the legal name do not match the IRS records."),
                containsString("data-wizard"), containsString("value=\"12-3456789\""),
                containsString("Submit again"));

        RegistrationStub.brand("PENDING", null);
        Map<String, Object> corrected = Wizard.companyForm();
        corrected.put("ein", "98-7654321");
        Wizard.post(corrected).then().statusCode(303);

        r = wizard.registration(b);
        assertThat(r.status).isEqualTo(RegistrationStatus.PENDING);
        assertThat(r.rejectionReason).isNull();
        assertThat(r.customerProfileSid).isNotEqualTo(firstProfile);
        assertThat(RegistrationStub.posts("/v1/a2p/BrandRegistrations", b.accountSid(), b.authToken())).isEqualTo(2);
        assertThat(RegistrationStub.posts("/v1/Services", b.accountSid(), b.authToken())).isEqualTo(1);
        assertThat(RegistrationStub.postBodies("/v1/EndUsers", b.accountSid(), b.authToken()))
                .anySatisfy(body -> assertThat(body).contains("98-7654321"));
        assertThat(Wizard.tenant(b).complianceStatus).isEqualTo("pending");
    }

    @Test
    @TestSecurity(user = "a2p-campaign-owner")
    void aRejectedCampaignIsWithdrawnAndSubmittedAgain() {
        Fixtures.TwilioBusiness b = wizard.business("Campaign Cleaners", "a2p-campaign-owner");
        RegistrationStub.brand("APPROVED", null);
        RegistrationStub.campaign("FAILED", "The opt-in description does not show how customers agree to texts.");
        Wizard.post(Wizard.companyForm()).then().statusCode(303);

        TextingRegistration r = wizard.registration(b);
        assertThat(r.status).isEqualTo(RegistrationStatus.FAILED);
        assertThat(r.rejectionReason).isEqualTo("The opt-in description does not show how customers agree to texts.");
        given().get(PAGE).then().body(containsString("Why: The opt-in description does not show"));

        RegistrationStub.campaign("VERIFIED", null);
        Map<String, Object> corrected = Wizard.companyForm();
        corrected.put("messageFlow", "Callers call us first; our voicemail greeting says we text back, and a caller "
                + "can say no. STOP opts out at any time.");
        Wizard.post(corrected).then().statusCode(303);

        r = wizard.registration(b);
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
        Fixtures.TwilioBusiness b = wizard.business("Held Heating", "a2p-held-owner");
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
        Wizard.post(Wizard.companyForm()).then().statusCode(303);
        assertThat(wizard.registration(b).status).isEqualTo(RegistrationStatus.APPROVED);

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
}
