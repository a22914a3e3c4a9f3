package com.callaback.identity;

import com.callaback.support.AsTenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.callaback.support.Fixtures;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantScope;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;

/** Sign-in maps to a users row; a person without a business sets one up and becomes its owner. */
@QuarkusTest
class OnboardingTest {

    @Inject
    Fixtures fixtures;
    @Inject
    TenantScope scope;

    @Test
    void anonymousVisitorIsSentToSignIn() {
        given().redirects().follow(false).when().get("/").then()
                .statusCode(302).header("Location", containsString("/authorize"));
    }

    @Test
    @TestSecurity(user = "claims-person")
    @OidcSecurity(claims = { @Claim(key = "sub", value = "oidc-subject-42"),
            @Claim(key = "email", value = "casey@example.com"), @Claim(key = "name", value = "Casey Jones") })
    void signInMapsTheOidcSubjectToOneUsersRow() {
        given().redirects().follow(false).when().get("/").then().statusCode(303);
        given().redirects().follow(false).when().get("/").then().statusCode(303);
        fixtures.withUser("oidc-subject-42", user -> {
            assertThat(User.count("oidcSubject", "oidc-subject-42")).isOne();
            assertThat(user.email).isEqualTo("casey@example.com");
            assertThat(user.name).isEqualTo("Casey Jones");
        });
    }

    @Test
    @TestSecurity(user = "onboarding-newcomer")
    void newcomerCreatesABusinessAndBecomesItsOwner() {
        given().redirects().follow(false).when().get("/").then()
                .statusCode(303).header("Location", endsWith("/onboarding"));

        given().redirects().follow(false)
                .formParam("name", " ").formParam("timezone", "Mars/Olympus")
                .formParam("forwardingPhone", "12").formParam("areaCode", "12")
                .when().post("/onboarding").then()
                .statusCode(400)
                .body(containsString("Enter the name of the business."), containsString("Choose a time zone"),
                        containsString("Enter a valid phone number"), containsString("3-digit US or Canadian area code"));
        assertThat(fixtures.activeTenantOf("onboarding-newcomer")).isNull();

        given().redirects().follow(false)
                .formParam("name", "Newcomer Plumbing & Heating").formParam("timezone", "America/Chicago")
                .formParam("forwardingPhone", "(312) 555-0142").formParam("areaCode", "312")
                .when().post("/onboarding").then()
                .statusCode(303).header("Location", endsWith("/"));

        given().when().get("/").then().statusCode(200)
                .body(containsString("<h1>Newcomer Plumbing &amp; Heating</h1>"));

        UUID tenantId = fixtures.activeTenantOf("onboarding-newcomer");
        Tenant tenant = AsTenant.call(tenantId, () -> Tenant.<Tenant>findById(tenantId));
        assertThat(tenant.slug).isEqualTo("newcomer-plumbing-heating");
        assertThat(tenant.forwardingPhone).isEqualTo("+13125550142");
        assertThat(tenant.timezone).isEqualTo("America/Chicago");
        assertThat(tenant.requestedAreaCode).isEqualTo("312");
        assertThat(tenant.kind).isEqualTo("business");
        UUID userId = fixtures.user("onboarding-newcomer");
        scope.run(tenantId, () -> {
            Membership owner = Membership.findByUser(userId).orElseThrow();
            assertThat(owner.role()).isEqualTo(Role.OWNER);
            assertThat(AuditEntry.count("action", "business.created")).isOne();
        });
    }

    @Test
    @TestSecurity(user = "onboarding-agency-founder")
    void aFounderCanSignUpAnAgency() {
        given().redirects().follow(false)
                .formParam("name", "Founder Agency").formParam("timezone", "America/Denver")
                .formParam("areaCode", "303").formParam("agency", "on")
                .when().post("/onboarding").then().statusCode(303);
        UUID tenantId = fixtures.activeTenantOf("onboarding-agency-founder");
        Tenant tenant = AsTenant.call(tenantId, () -> Tenant.<Tenant>findById(tenantId));
        assertThat(tenant.isAgency()).isTrue();
        assertThat(tenant.forwardingPhone).isNull();
        given().when().get("/agency").then().statusCode(200).body(containsString("No clients yet."));
    }
}
