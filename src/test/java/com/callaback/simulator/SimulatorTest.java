package com.callaback.simulator;

import com.callaback.support.AsTenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.callaback.contacts.Contact;
import com.callaback.contacts.Lead;
import com.callaback.followups.FollowUp;
import com.callaback.messaging.SmsMetric;
import com.callaback.support.OnSimulator;
import com.callaback.telephony.PhoneNumber;
import com.callaback.telephony.TwilioAccount;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantScope;
import com.callaback.contacts.LeadCategory;
import com.callaback.contacts.LeadStatus;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;

/**
 * The product with no Twilio account: provisioning, a simulated missed call, the auto text arriving on the
 * simulated phone with a delivery report — through the real webhooks, SDK and status endpoint.
 */
@QuarkusTest
@TestProfile(OnSimulator.class)
class SimulatorTest {

    @Inject
    SimulatedBusiness business;
    @Inject
    TenantScope scope;
    @Inject
    SimulatedTwilioApi api;

    @Test
    @TestSecurity(user = "simulator-owner")
    void aSimulatedMissedCallGetsTheAutoTextDeliveredOnTheSimulatedPhone() {
        UUID tenantId = provisionedBusiness("Simulated Spa", "simulator-owner");
        UUID numberId = scope.call(tenantId, () -> PhoneNumber.findFirstActive().orElseThrow().id);
        scope.run(tenantId, () -> {
            assertThat(PhoneNumber.<PhoneNumber>findById(numberId).e164).matches("\\+131255501\\d\\d");
            assertThat(PhoneNumber.<PhoneNumber>findById(numberId).simulated).isTrue();
            assertThat(TwilioAccount.findActive().orElseThrow().simulated).isTrue();
        });
        assertThat(AsTenant.call(tenantId, () -> Tenant.<Tenant>findById(tenantId).complianceStatus))
                .isEqualTo("not_required");

        given().formParam("numberId", numberId.toString()).formParam("caller", "(312) 555-0142")
                .formParam("outcome", "no-answer").post("/simulator/calls").then().statusCode(200)
                .body(containsString("/api/twilio/incoming-call</code> → 200"),
                        containsString("/api/twilio/dial-status</code> → 200"));
        drainOutbox();

        String page = awaitPhone("+13125550142", "delivered");
        assertThat(page).contains("Sorry we missed your call! This is Simulated Spa.", "data-direction=\"to_caller\"");
        scope.run(tenantId, () -> {
            SmsMetric metric = SmsMetric.<SmsMetric>listAll().get(0);
            assertThat(metric.status).isEqualTo("delivered");
            assertThat(metric.deliveryTimeMs).isNotNull();
        });

        given().redirects().follow(false).formParam("numberId", numberId.toString()).formParam("caller", "+13125550142")
                .formParam("body", "Please call me back").post("/simulator/texts").then().statusCode(303);
        scope.run(tenantId, () -> {
            Contact contact = Contact.findByPhone("+13125550142").orElseThrow();
            Lead lead = Lead.findOpenFor(contact.id).orElseThrow();
            assertThat(lead.status).isEqualTo(LeadStatus.CONTACTED);
            assertThat(lead.category).isEqualTo(LeadCategory.CALLBACK);
        });
    }

    @Test
    @TestSecurity(user = "simulator-failures")
    void aPhoneSetToFailGetsUndeliveredOrRefusedTexts() {
        UUID tenantId = provisionedBusiness("Simulated Failures", "simulator-failures");
        UUID numberId = scope.call(tenantId, () -> PhoneNumber.findFirstActive().orElseThrow().id);

        given().redirects().follow(false).formParam("caller", "+13125550143").formParam("failureMode", "30003")
                .post("/simulator/phones").then().statusCode(303);
        given().formParam("numberId", numberId.toString()).formParam("caller", "+13125550143")
                .formParam("outcome", "busy").post("/simulator/calls").then().statusCode(200);
        drainOutbox();
        assertThat(awaitPhone("+13125550143", "undelivered")).contains("error 30003")
                .contains("<option value=\"30003\" selected>");
        scope.run(tenantId, () -> assertThat(SmsMetric.<SmsMetric>listAll().get(0).errorCode).isEqualTo("30003"));

        given().redirects().follow(false).formParam("caller", "+13125550144").formParam("failureMode", "21610")
                .post("/simulator/phones").then().statusCode(303);
        given().formParam("numberId", numberId.toString()).formParam("caller", "+13125550144")
                .formParam("outcome", "voicemail").post("/simulator/calls").then().statusCode(200)
                .body(containsString("/api/twilio/recording</code> → 204"));
        drainOutbox();
        scope.run(tenantId, () -> {
            Contact contact = Contact.findByPhone("+13125550144").orElseThrow();
            assertThat(contact.smsOptOut).isTrue();
            assertThat(FollowUp.<FollowUp>find("contactId", contact.id).firstResult().lastErrorCode).isEqualTo("21610");
        });
    }

    @Test
    @TestSecurity(user = "simulator-intruder")
    void anotherBusinesssNumberCannotBeUsed() {
        UUID victim = provisionedBusiness("Simulated Victim", "simulator-victim");
        UUID victimNumber = scope.call(victim, () -> PhoneNumber.findFirstActive().orElseThrow().id);
        provisionedBusiness("Simulated Intruder", "simulator-intruder");

        given().formParam("numberId", victimNumber.toString()).formParam("caller", "+13125550145")
                .formParam("outcome", "no-answer").post("/simulator/calls").then().statusCode(404);
        given().formParam("numberId", victimNumber.toString()).formParam("caller", "+13125550145")
                .formParam("body", "hi").post("/simulator/texts").then().statusCode(404);
        given().get("/simulator").then().statusCode(200).body(org.hamcrest.Matchers.not(containsString(
                scope.call(victim, () -> PhoneNumber.<PhoneNumber>findById(victimNumber).e164))));
        scope.run(victim, () -> assertThat(Contact.count()).isZero());
    }

    private UUID provisionedBusiness(String name, String owner) {
        return business.provision(name, owner);
    }

    private void drainOutbox() {
        business.drainOutbox();
    }

    private static String awaitPhone(String caller, String status) {
        return SimulatedBusiness.await("/simulator/phones/" + caller, status);
    }

    @Test
    void twoBusinessesBuyingTheSameFreeNumberAtOnceGetDifferentNumbers() {
        // Sign-ups provisioned in one round search the same free numbers and each buys the first.
        String first = api.sell("+16175550150").orElseThrow();
        String second = api.sell("+16175550150").orElseThrow();

        assertThat(first).isEqualTo("+16175550150");
        assertThat(second).startsWith("+1617555").isNotEqualTo(first);
    }
}
