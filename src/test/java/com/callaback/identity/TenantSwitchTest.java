package com.callaback.identity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.callaback.support.Fixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/** A member of two businesses works in one at a time and sees only that one's data; others are 404. */
@QuarkusTest
class TenantSwitchTest {

    @Inject
    Fixtures fixtures;

    @Test
    @TestSecurity(user = "switcher")
    void memberOfTwoBusinessesSwitchesAndSeesOnlyTheActiveOne() {
        UUID alpha = fixtures.business("Switch Alpha Roofing");
        UUID beta = fixtures.business("Switch Beta Bakery");
        UUID stranger = fixtures.business("Switch Stranger Salon");
        fixtures.member(alpha, "switcher", "owner");
        fixtures.member(beta, "switcher", "member");
        fixtures.contact(alpha, Fixtures.randomPhone(), "Alpha customer 1");
        fixtures.contact(alpha, Fixtures.randomPhone(), "Alpha customer 2");
        fixtures.contact(beta, Fixtures.randomPhone(), "Beta customer");
        fixtures.contact(stranger, Fixtures.randomPhone(), "Stranger customer 1");
        fixtures.contact(stranger, Fixtures.randomPhone(), "Stranger customer 2");
        fixtures.contact(stranger, Fixtures.randomPhone(), "Stranger customer 3");

        switchTo(alpha).then().statusCode(303);
        given().get("/").then().statusCode(200)
                .body(containsString("<h1>Switch Alpha Roofing</h1>"));

        switchTo(beta).then().statusCode(303);
        given().get("/").then().statusCode(200)
                .body(containsString("<h1>Switch Beta Bakery</h1>"),
                        not(containsString("Switch Stranger Salon")));
        assertThat(fixtures.activeTenantOf("switcher")).isEqualTo(beta);

        switchTo(stranger).then().statusCode(404);
        given().redirects().follow(false).formParam("tenant", "not-a-uuid").post("/switch").then().statusCode(404);
        assertThat(fixtures.activeTenantOf("switcher")).isEqualTo(beta);
        given().get("/").then().body(containsString("<h1>Switch Beta Bakery</h1>"));
    }

    @Test
    @TestSecurity(user = "switcher-removed")
    void losingTheMembershipOfTheActiveBusinessFallsBackToAnotherOne() {
        UUID kept = fixtures.business("Kept Business");
        fixtures.member(kept, "switcher-removed", "member");
        UUID other = fixtures.business("Other Business");
        // The stored choice points at a business the user is not a member of: it is ignored, not honoured.
        fixtures.asUser("switcher-removed", user -> user.activeTenantId = other);
        given().get("/").then().statusCode(200).body(containsString("<h1>Kept Business</h1>"));
        assertThat(fixtures.activeTenantOf("switcher-removed")).isEqualTo(kept);
    }

    private static io.restassured.response.Response switchTo(UUID tenant) {
        return given().redirects().follow(false).formParam("tenant", tenant.toString()).when().post("/switch");
    }
}
