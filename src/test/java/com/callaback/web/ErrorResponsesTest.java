package com.callaback.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.callaback.support.Fixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/** Errors are problem details for the API and pages for browsers; cross-site form posts are refused. */
@QuarkusTest
class ErrorResponsesTest {

    @Inject
    Fixtures fixtures;

    @Test
    @TestSecurity(user = "api-explorer")
    void unknownApiPathIsAJsonProblem() {
        given().accept("application/json").get("/api/no-such-thing").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404), "title", equalTo("Not Found"));
    }

    @Test
    void anUnknownPageNeedsSignInLikeEveryPage() {
        given().redirects().follow(false).accept("text/html").get("/no-such-page").then()
                .statusCode(302).header("Location", containsString("/authorize"));
    }

    @Test
    @TestSecurity(user = "lost-visitor")
    void unknownPageIsAnHtmlPageWithoutInternals() {
        given().accept("text/html").get("/no-such-page").then()
                .statusCode(404)
                .contentType(containsString("text/html"))
                .body(containsString("There is nothing here."), not(containsString("Exception")));
    }

    @Test
    @TestSecurity(user = "csrf-target")
    void crossSiteFormPostsAreRefused() {
        UUID tenant = fixtures.business("CSRF Target");
        fixtures.member(tenant, "csrf-target", "owner");
        given().redirects().follow(false).header("Sec-Fetch-Site", "cross-site")
                .formParam("tenant", tenant.toString()).post("/switch").then()
                .statusCode(403).body(containsString("Cross-origin request refused"));
        given().redirects().follow(false).header("Origin", "https://evil.example")
                .formParam("tenant", tenant.toString()).post("/switch").then().statusCode(403);
        given().redirects().follow(false).header("Sec-Fetch-Site", "same-origin")
                .formParam("tenant", tenant.toString()).post("/switch").then().statusCode(303);
    }

    @Test
    @TestSecurity(user = "oversized-form")
    void aFormFieldOverTheSizeLimitIsAPageThatSaysSo() {
        String huge = "x".repeat(70_000);
        given().redirects().follow(false).accept("text/html").formParam("name", huge).formParam("timezone", "UTC")
                .formParam("areaCode", "312").post("/onboarding").then()
                .statusCode(413).contentType(containsString("text/html"))
                .body(containsString("too long"), not(containsString("Exception")));
    }

    @Test
    @TestSecurity(user = "role-checked-member")
    void memberWithoutTheRoleGetsAForbiddenPage() {
        UUID tenant = fixtures.business("Role Checked");
        fixtures.member(tenant, "role-checked-member", "member");
        given().redirects().follow(false).formParam("tenant", tenant.toString()).post("/switch");
        given().accept("text/html").formParam("email", "a@example.com").formParam("role", "member")
                .post("/settings/team/invitations").then()
                .statusCode(403).body(containsString("This needs the admin role in this business"));
    }
}
