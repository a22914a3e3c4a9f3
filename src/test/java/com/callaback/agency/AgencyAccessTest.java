package com.callaback.agency;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.callaback.support.Fixtures;
import com.callaback.tenant.Tenant;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/** Agency owners and admins enter their own clients; plain members and other agencies cannot (404). */
@QuarkusTest
class AgencyAccessTest {

    @Inject
    Fixtures fixtures;

    @Test
    @TestSecurity(user = "agency-owner")
    void agencyOwnerAddsAndEntersItsClientsButNotAnotherAgencysClient() {
        UUID agency = fixtures.agency("Owner Agency");
        fixtures.member(agency, "agency-owner", "owner");
        UUID client = fixtures.clientOf(agency, "Owner Agency Client Dental");
        UUID otherAgency = fixtures.agency("Rival Agency");
        UUID rivalClient = fixtures.clientOf(otherAgency, "Rival Client Spa");
        switchTo(agency);

        given().get("/agency").then().statusCode(200)
                .body(containsString("Owner Agency Client Dental"), not(containsString("Rival Client Spa")));

        given().redirects().follow(false).formParam("name", "").formParam("timezone", "America/Chicago")
                .formParam("areaCode", "312").post("/agency/clients").then()
                .statusCode(400).body(containsString("Enter the name of the business."));
        given().redirects().follow(false).formParam("name", "Fresh Client Cafe").formParam("timezone", "America/Chicago")
                .formParam("areaCode", "312").post("/agency/clients").then().statusCode(303);
        UUID createdId = QuarkusTransaction.requiringNew().call(() -> Tenant.idBySlug("fresh-client-cafe")).orElseThrow();
        Tenant created = com.callaback.support.AsTenant.call(createdId, () -> Tenant.findById(createdId));
        assertThat(created.agencyId).isEqualTo(agency);
        assertThat(created.isAgency()).isFalse();
        assertThat(created.provisioningStatus).as("a new client gets its own number in the background")
                .isEqualTo("pending");

        enter(rivalClient).then().statusCode(404);
        given().redirects().follow(false).post("/agency/clients/not-a-uuid/enter").then().statusCode(404);
        enter(client).then().statusCode(303);
        given().get("/").then().statusCode(200).body(containsString("<h1>Owner Agency Client Dental</h1>"),
                containsString("(via Owner Agency)"));
        assertThat(fixtures.activeTenantOf("agency-owner")).isEqualTo(client);

        given().get("/").then().body(containsString("data-nav=\"back-to-agency\""), containsString("Back to Owner Agency"));
        given().redirects().follow(false).post("/agency/return").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/agency"));
        assertThat(fixtures.activeTenantOf("agency-owner")).isEqualTo(agency);
        given().get("/").then().body(not(containsString("data-nav=\"back-to-agency\"")));
        given().redirects().follow(false).post("/agency/return").then().statusCode(404);
        assertThat(fixtures.activeTenantOf("agency-owner")).as("nothing changes outside a client").isEqualTo(agency);
    }

    @Test
    @TestSecurity(user = "agency-member")
    void plainAgencyMemberCannotEnterOrAddClients() {
        UUID agency = fixtures.agency("Member Agency");
        fixtures.member(agency, "agency-member", "member");
        UUID client = fixtures.clientOf(agency, "Member Agency Client");
        switchTo(agency);

        given().get("/agency").then().statusCode(200)
                .body(containsString("Member Agency Client"), not(containsString("/enter")));
        enter(client).then().statusCode(404);
        given().redirects().follow(false).formParam("name", "Sneaky Client").formParam("timezone", "America/Chicago")
                .formParam("areaCode", "312").post("/agency/clients").then().statusCode(403);
        assertThat(fixtures.activeTenantOf("agency-member")).isEqualTo(agency);
    }

    @Test
    @TestSecurity(user = "plain-business-owner")
    void aBusinessThatIsNotAnAgencyHasNoClientPage() {
        UUID business = fixtures.business("Just A Business");
        fixtures.member(business, "plain-business-owner", "owner");
        switchTo(business);
        given().get("/agency").then().statusCode(404);
    }

    private static void switchTo(UUID tenant) {
        given().redirects().follow(false).formParam("tenant", tenant.toString()).post("/switch").then().statusCode(303);
    }

    private static io.restassured.response.Response enter(UUID client) {
        return given().redirects().follow(false).post("/agency/clients/" + client + "/enter");
    }
}
