package com.callaback.identity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import com.callaback.support.Fixtures;
import com.callaback.tenant.TenantScope;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/** Invitation links: created by owners and admins, stored hashed, used once, expiring. */
@QuarkusTest
class InvitationTest {

    @Inject
    Fixtures fixtures;
    @Inject
    TenantScope scope;
    @Inject
    InvitationService invitations;
    @Inject
    EntityManager em;

    @Test
    @TestSecurity(user = "inviting-owner")
    void ownerCreatesAnInvitationLinkWhoseTokenIsStoredOnlyHashed() {
        UUID tenant = fixtures.business("Inviting Business");
        fixtures.member(tenant, "inviting-owner", "owner");
        switchTo(tenant);

        given().formParam("email", "not-an-email").formParam("role", "member").post("/team/invitations")
                .then().statusCode(400).body(containsString("Enter the email address of the person to invite."));
        String page = given().formParam("email", "New.Person@Example.com").formParam("role", "member")
                .post("/team/invitations").then().statusCode(200).extract().asString();
        Matcher link = Pattern.compile("/invitations/([A-Za-z0-9_-]{43})").matcher(page);
        assertThat(link.find()).isTrue();
        String token = link.group(1);

        scope.run(tenant, () -> {
            Invitation stored = Invitation.<Invitation>find("email", "new.person@example.com").firstResult();
            assertThat(stored.tokenHash).isEqualTo(Tokens.sha256(token)).doesNotContain(token);
        });
        given().get("/team").then().statusCode(200).body(containsString("new.person@example.com as member"));
    }

    @Test
    @TestSecurity(user = "inviting-member")
    void aPlainMemberCannotInvite() {
        UUID tenant = fixtures.business("Member Only Business");
        fixtures.member(tenant, "inviting-member", "member");
        switchTo(tenant);
        given().formParam("email", "x@example.com").formParam("role", "admin").post("/team/invitations")
                .then().statusCode(403);
        scope.run(tenant, () -> assertThat(Invitation.count()).isZero());
    }

    @Test
    @TestSecurity(user = "invitee")
    void inviteeJoinsOnceWithTheLink() {
        UUID tenant = fixtures.business("Joinable Business");
        UUID inviter = fixtures.user("joinable-owner");
        String token = scope.call(tenant, () -> invitations.invite(inviter, "invitee@example.com", "admin"));

        given().get("/invitations/" + token).then().statusCode(200)
                .body(containsString("Join Joinable Business"), containsString("<strong>admin</strong>"));
        given().redirects().follow(false).post("/invitations/" + token).then().statusCode(303);
        given().get("/").then().statusCode(200).body(containsString("<h1>Joinable Business</h1>"));
        UUID invitee = fixtures.user("invitee");
        scope.run(tenant, () -> assertThat(Membership.findByUser(invitee).orElseThrow().role()).isEqualTo(Role.ADMIN));

        given().redirects().follow(false).post("/invitations/" + token).then()
                .statusCode(400).body(containsString("already been used"));
        given().get("/invitations/" + "x".repeat(43)).then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "late-invitee")
    void anExpiredLinkIsRefused() {
        UUID tenant = fixtures.business("Expired Invite Business");
        String token = scope.call(tenant, () -> invitations.invite(null, "late@example.com", "member"));
        scope.run(tenant, () -> em.createNativeQuery("update invitations set expires_at = now() - interval '1 minute'")
                .executeUpdate());
        given().redirects().follow(false).post("/invitations/" + token).then()
                .statusCode(400).body(containsString("expired"));
        assertThat(fixtures.activeTenantOf("late-invitee")).isNull();
    }

    private static void switchTo(UUID tenant) {
        given().redirects().follow(false).formParam("tenant", tenant.toString()).post("/switch").then().statusCode(303);
    }
}
