package com.callaback.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;

import jakarta.inject.Inject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.callaback.support.Fixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/**
 * A signed-in person with no business yet is sent to set one up from any page that works inside a business (the
 * simulator page, off in tests, is covered by the simulator's own tests).
 */
@QuarkusTest
class NoBusinessYetTest {

    @Inject
    Fixtures fixtures;

    @ParameterizedTest
    @ValueSource(strings = { "/", "/settings/team", "/settings/numbers", "/settings", "/leads", "/follow-ups", "/notifications", "/agency" })
    @TestSecurity(user = "no-business-yet")
    void pagesSendThemToSignUp(String page) {
        fixtures.user("no-business-yet");
        given().redirects().follow(false).accept("text/html").get(page).then().statusCode(303)
                .header("Location", endsWith("/onboarding"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/send-followup" })
    @TestSecurity(user = "no-business-yet-api")
    void theApiSaysWhatIsMissing(String path) {
        fixtures.user("no-business-yet-api");
        given().redirects().follow(false).contentType("application/json")
                .body("{\"contactId\":\"00000000-0000-0000-0000-000000000000\",\"body\":\"hi\"}").post(path)
                .then().statusCode(404).contentType(containsString("problem+json"))
                .body(containsString("Set up or select a business first."));
    }
}
