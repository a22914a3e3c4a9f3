package com.callaback.compliance;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.time.Instant;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.callaback.messaging.OutboxDispatcher;
import com.callaback.support.Fixtures;
import com.callaback.support.TwilioStub;
import com.callaback.tenant.TenantScope;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/** Business B neither sees nor moves business A's registration or fees: pages, actions, HQL and native SQL. */
@QuarkusTest
class RegistrationIsolationTest {

    @Inject
    Wizard wizard;
    @Inject
    Fixtures fixtures;
    @Inject
    TenantScope scope;
    @Inject
    EntityManager em;
    @Inject
    OutboxDispatcher dispatcher;

    @BeforeEach
    void reset() {
        TwilioStub.resetForTest(dispatcher);
        RegistrationStub.install();
    }

    @Test
    @TestSecurity(user = "a2p-isolated-owner")
    void anotherBusinessCannotSeeOrCheckARegistration() {
        Fixtures.TwilioBusiness a = wizard.business("Isolated Insulation A", "a2p-isolated-owner");
        RegistrationStub.brand("APPROVED", null);
        Wizard.post(Wizard.companyForm()).then().statusCode(303);
        TextingRegistration registered = wizard.registration(a);
        assertThat(registered.campaignSid).isNotNull();
        Instant checked = registered.checkedAt;

        Fixtures.TwilioBusiness b = wizard.business("Isolated Insulation B", "a2p-isolated-owner");
        given().get(Wizard.PAGE).then().statusCode(200).body(not(containsString("data-registration")),
                not(containsString("Registered Roofing LLC")), not(containsString(registered.brandSid)));
        given().redirects().follow(false).post(Wizard.PAGE + "/check").then().statusCode(303);
        assertThat(wizard.registration(a).checkedAt).isEqualTo(checked);

        scope.run(b.tenantId(), () -> {
            assertThat(TextingRegistration.<TextingRegistration>findById(registered.id)).isNull();
            assertThat(TextingRegistration.current()).isEmpty();
            assertThat(RegistrationFee.listForBusiness()).isEmpty();
            assertThat(count("select count(*) from texting_registrations")).isZero();
            assertThat(count("select count(*) from registration_fees")).isZero();
            assertThat(em.createNativeQuery("update texting_registrations set status = 'approved'")
                    .executeUpdate()).isZero();
        });
        scope.run(a.tenantId(), () -> {
            assertThat(count("select count(*) from texting_registrations")).isEqualTo(1);
            assertThat(count("select count(*) from registration_fees")).isEqualTo(2);
        });
        assertThat(wizard.registration(a).status).isEqualTo(RegistrationStatus.PENDING);
    }

    @Test
    @TestSecurity(user = "a2p-admin-not-owner")
    void anAdminSeesTheRegistrationButOnlyTheOwnerSubmitsIt() {
        Fixtures.TwilioBusiness b = fixtures.twilioBusiness("Admin Awnings", true);
        fixtures.member(b.tenantId(), "a2p-admin-not-owner", "admin");
        given().redirects().follow(false).formParam("tenant", b.tenantId().toString()).post("/switch").then()
                .statusCode(303);

        given().get(Wizard.PAGE).then().statusCode(200).body(containsString("data-wizard"),
                containsString("Only the business's owner can submit the registration."));
        Wizard.post(Wizard.companyForm()).then().statusCode(403);
        scope.run(b.tenantId(), () -> assertThat(TextingRegistration.current()).isEmpty());
        assertThat(RegistrationStub.posts("/v1/.*", b.accountSid(), b.authToken())).isZero();
    }

    private long count(String sql) {
        return ((Number) em.createNativeQuery(sql).getSingleResult()).longValue();
    }
}
