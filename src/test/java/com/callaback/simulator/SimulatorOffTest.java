package com.callaback.simulator;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.callaback.support.Fixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/** With the simulator off (production, and the default test profile) none of it is reachable. */
@QuarkusTest
class SimulatorOffTest {

    @Inject
    Fixtures fixtures;

    @Test
    void theFakeTwilioApiIsNotServed() {
        given().auth().preemptive().basic("AC" + "5".repeat(32), "simulated-master-token")
                .get("/simulator/twilio/2010-04-01/Accounts.json").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "simulator-off-owner")
    void theSimulatorPageIsNotServed() {
        UUID tenant = fixtures.business("Simulator Off Business");
        fixtures.member(tenant, "simulator-off-owner", "owner");
        given().redirects().follow(false).formParam("tenant", tenant.toString()).post("/switch");
        given().get("/simulator").then().statusCode(404);
    }
}
