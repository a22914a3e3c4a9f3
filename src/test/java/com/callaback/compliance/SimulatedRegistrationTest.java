package com.callaback.compliance;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.callaback.identity.BusinessForm;
import com.callaback.identity.BusinessSignup;
import com.callaback.provisioning.ProvisioningWorker;
import com.callaback.support.AsTenant;
import com.callaback.support.Fixtures;
import com.callaback.support.OnSimulator;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantScope;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;

/**
 * The whole registration journey with no Twilio account: the simulator keeps the registration under review until
 * its reviewers (on the registration page) reject it with a chosen reason or approve it.
 */
@QuarkusTest
@TestProfile(OnSimulator.class)
class SimulatedRegistrationTest {

    @Inject
    BusinessSignup signup;
    @Inject
    ProvisioningWorker provisioning;
    @Inject
    Fixtures fixtures;
    @Inject
    TenantScope scope;

    @Test
    @TestSecurity(user = "simulated-registration-owner")
    void aRegistrationIsReviewedRejectedWithTheChosenReasonCorrectedAndApproved() {
        UUID tenantId = provisioned("Simulated Signs", "simulated-registration-owner");

        given().get(Wizard.PAGE).then().statusCode(200).body(containsString("Sorry we missed your call! This is "
                + "Simulated Signs. How can we help? Reply STOP to opt out."));
        Wizard.post(Wizard.companyForm()).then().statusCode(303);
        TextingRegistration r = registration(tenantId);
        assertThat(r.status).isEqualTo(RegistrationStatus.PENDING);
        assertThat(r.brandStatus).isEqualTo("PENDING");
        assertThat(r.messagingServiceSid).startsWith("MG");
        given().get(Wizard.PAGE).then().body(containsString("data-simulator-review"),
                containsString("The Campaign Registry is reviewing your brand"));

        review("reject", "The website could not be reached or does not describe the business.");
        r = registration(tenantId);
        assertThat(r.status).isEqualTo(RegistrationStatus.FAILED);
        assertThat(r.rejectionReason).isEqualTo("The website could not be reached or does not describe the business.");
        given().get(Wizard.PAGE).then().body(containsString("Why: The website could not be reached"),
                containsString("Submit again"));

        Map<String, Object> corrected = Wizard.companyForm();
        corrected.put("website", "https://signs.example.com");
        Wizard.post(corrected).then().statusCode(303);
        assertThat(registration(tenantId).status).isEqualTo(RegistrationStatus.PENDING);

        review("approve", null);
        r = registration(tenantId);
        assertThat(r.status).as(r.rejectionReason).isEqualTo(RegistrationStatus.APPROVED);
        assertThat(r.campaignStatus).isEqualTo("VERIFIED");
        Tenant tenant = AsTenant.call(tenantId, () -> Tenant.<Tenant>findById(tenantId));
        assertThat(tenant.complianceStatus).isEqualTo("approved");
        assertThat(tenant.messagingServiceSid).isEqualTo(r.messagingServiceSid);
        given().get(Wizard.PAGE).then().body(containsString("data-registration=\"approved\""));
        given().formParam("outcome", "maybe").post("/simulator/registrations").then().statusCode(400)
                .body(containsString("Choose approve or reject"));
    }

    private void review(String outcome, String reason) {
        var spec = given().redirects().follow(false).formParam("outcome", outcome);
        if (reason != null) {
            spec = spec.formParam("reason", reason);
        }
        spec.post("/simulator/registrations").then().statusCode(303);
    }

    /** Signed up and provisioned on the simulator as sign-up does it; the owner's active business. */
    UUID provisioned(String name, String owner) {
        Tenant tenant = signup.createOwnedBy(fixtures.user(owner), new BusinessForm(name, "America/Chicago", null,
                "312", false));
        for (int round = 0; round < 10 && !"done".equals(AsTenant.call(tenant.id,
                () -> Tenant.<Tenant>findById(tenant.id).provisioningStatus)); round++) {
            provisioning.runDue();
        }
        return tenant.id;
    }

    private TextingRegistration registration(UUID tenantId) {
        return scope.call(tenantId, () -> TextingRegistration.current().orElseThrow());
    }
}
