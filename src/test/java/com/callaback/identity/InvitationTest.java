package com.callaback.identity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import com.callaback.support.Fixtures;
import com.callaback.tenant.TenantScope;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;

/** Invitations: emailed by owners and admins, stored hashed, used once by the invited verified address, revocable. */
@QuarkusTest
class InvitationTest {

    private static final Pattern LINK = Pattern.compile("/invitations/([A-Za-z0-9_-]{43})");

    @Inject
    Fixtures fixtures;
    @Inject
    TenantScope scope;
    @Inject
    InvitationService invitations;
    @Inject
    MockMailbox mailbox;
    @Inject
    EntityManager em;

    @Test
    @TestSecurity(user = "inviting-owner")
    void ownerEmailsAnInvitationWhoseTokenIsStoredOnlyHashed() {
        UUID tenant = fixtures.business("Inviting Business");
        fixtures.member(tenant, "inviting-owner", "owner");
        switchTo(tenant);

        given().formParam("email", "not-an-email").formParam("role", "admin").post("/settings/team/invitations")
                .then().statusCode(400).body(containsString("Enter the email address of the person to invite."),
                        containsString("value=\"not-an-email\""), containsString("<option value=\"admin\" selected"));
        String location = given().redirects().follow(false).formParam("email", "New.Person@Example.com")
                .formParam("role", "member").post("/settings/team/invitations").then().statusCode(303)
                .extract().header("Location");
        UUID invitationId = scope.call(tenant,
                () -> Invitation.<Invitation>find("email", "new.person@example.com").firstResult().id);
        assertThat(location).endsWith("/settings/team?invited=" + invitationId);
        given().get(location).then().statusCode(200)
                .body(containsString("Invitation emailed to <strong>new.person@example.com</strong>"));
        given().queryParam("invited", "evil@example.com: call 555-0100 to verify").get("/settings/team").then()
                .statusCode(200).body(not(containsString("data-invited")), not(containsString("555-0100")));

        List<Mail> mails = mailbox.getMailsSentTo("new.person@example.com");
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0).getSubject()).isEqualTo("Join Inviting Business on Callaback");
        Matcher link = LINK.matcher(mails.get(0).getText());
        assertThat(link.find()).isTrue();
        String token = link.group(1);
        scope.run(tenant, () -> {
            Invitation stored = Invitation.<Invitation>find("email", "new.person@example.com").firstResult();
            assertThat(stored.tokenHash).isEqualTo(Tokens.sha256(token)).doesNotContain(token);
        });

        String page = given().get(location).then().statusCode(200)
                .body(containsString("new.person@example.com as Member, expires in "),
                        not(containsString(token)))
                .extract().asString();
        assertThat(page).doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}:");
        given().redirects().follow(false).get("/team").then().statusCode(301)
                .header("Location", endsWith("/settings/team"));
    }

    @Test
    @TestSecurity(user = "inviting-member")
    void aPlainMemberCannotInviteOrRevoke() {
        UUID tenant = fixtures.business("Member Only Business");
        fixtures.member(tenant, "inviting-member", "member");
        UUID invitation = scope.call(tenant, () -> invitations.invite(null, Role.OWNER, "x@example.com", "member")).id();
        switchTo(tenant);
        given().get("/settings/team").then().statusCode(200)
                .body(containsString("data-member"), not(containsString("Email an invitation")));
        given().formParam("email", "y@example.com").formParam("role", "admin").post("/settings/team/invitations")
                .then().statusCode(403);
        given().post("/settings/team/invitations/" + invitation + "/revoke").then().statusCode(403);
        scope.run(tenant, () -> {
            assertThat(Invitation.count()).isOne();
            assertThat(Invitation.<Invitation>findById(invitation).revokedAt).isNull();
        });
    }

    @Test
    @TestSecurity(user = "invitee")
    @OidcSecurity(claims = { @Claim(key = "email", value = "Invitee@Example.com"),
            @Claim(key = "email_verified", value = "true") })
    void theInvitedVerifiedAddressJoinsOnce() {
        UUID tenant = fixtures.business("Joinable Business");
        UUID inviter = fixtures.user("joinable-owner");
        String token = scope.call(tenant, () -> invitations.invite(inviter, Role.OWNER, "invitee@example.com",
                "admin")).token();

        given().get("/invitations/" + token).then().statusCode(200)
                .body(containsString("Join Joinable Business"), containsString("<strong>admin</strong>"),
                        containsString("and expires in "), not(containsString("data-refusal")));
        given().redirects().follow(false).post("/invitations/" + token).then().statusCode(303);
        given().get("/").then().statusCode(200).body(containsString("<h1>Joinable Business</h1>"));
        UUID invitee = fixtures.user("invitee");
        scope.run(tenant, () -> {
            assertThat(Membership.findByUser(invitee).orElseThrow().role()).isEqualTo(Role.ADMIN);
            assertThat(AuditEntry.count("action", "invitation.accepted")).isOne();
        });

        given().redirects().follow(false).post("/invitations/" + token).then()
                .statusCode(400).body(containsString("already been used"));
        given().get("/invitations/" + "x".repeat(43)).then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "wrong-invitee")
    @OidcSecurity(claims = { @Claim(key = "email", value = "someone.else@example.com"),
            @Claim(key = "email_verified", value = "true") })
    void anotherAddressCannotAccept() {
        UUID tenant = fixtures.business("Wrong Address Business");
        String token = scope.call(tenant, () -> invitations.invite(null, Role.OWNER, "right@example.com", "member"))
                .token();
        given().get("/invitations/" + token).then().statusCode(200)
                .body(containsString("data-refusal"), containsString("sent to right@example.com"),
                        not(containsString("<button type=\"submit\">Join")));
        given().redirects().follow(false).post("/invitations/" + token).then().statusCode(403)
                .body(containsString("Sign out and sign in as right@example.com"));
        assertNotJoined(tenant, "wrong-invitee");
    }

    @Test
    @TestSecurity(user = "unverified-invitee")
    @OidcSecurity(claims = { @Claim(key = "email", value = "unverified@example.com"),
            @Claim(key = "email_verified", value = "false") })
    void anUnverifiedAddressCannotAccept() {
        UUID tenant = fixtures.business("Unverified Business");
        String token = scope.call(tenant, () -> invitations.invite(null, Role.OWNER, "unverified@example.com",
                "member")).token();
        given().redirects().follow(false).post("/invitations/" + token).then().statusCode(403)
                .body(containsString("has not verified unverified@example.com"));
        assertNotJoined(tenant, "unverified-invitee");
    }

    @Test
    @TestSecurity(user = "revoked-invitee")
    @OidcSecurity(claims = { @Claim(key = "email", value = "revoked@example.com"),
            @Claim(key = "email_verified", value = "true") })
    void aRevokedInvitationCannotBeAccepted() {
        UUID tenant = fixtures.business("Revoking Business");
        var created = scope.call(tenant, () -> invitations.invite(null, Role.OWNER, "revoked@example.com", "member"));
        scope.run(tenant, () -> invitations.revoke(null, Role.ADMIN, created.id()));
        given().redirects().follow(false).post("/invitations/" + created.token()).then().statusCode(400)
                .body(containsString("This invitation was withdrawn"));
        assertNotJoined(tenant, "revoked-invitee");
        scope.run(tenant, () -> assertThat(AuditEntry.count("action", "invitation.revoked")).isOne());
    }

    @Test
    @TestSecurity(user = "late-invitee")
    @OidcSecurity(claims = { @Claim(key = "email", value = "late@example.com"),
            @Claim(key = "email_verified", value = "true") })
    void anExpiredLinkIsRefused() {
        UUID tenant = fixtures.business("Expired Invite Business");
        String token = scope.call(tenant, () -> invitations.invite(null, Role.OWNER, "late@example.com", "member"))
                .token();
        scope.run(tenant, () -> em.createNativeQuery("update invitations set expires_at = now() - interval '1 minute'")
                .executeUpdate());
        given().redirects().follow(false).post("/invitations/" + token).then()
                .statusCode(400).body(containsString("expired"));
        assertThat(fixtures.activeTenantOf("late-invitee")).isNull();
    }

    private void assertNotJoined(UUID tenant, String subject) {
        UUID user = fixtures.user(subject);
        scope.run(tenant, () -> {
            assertThat(Membership.findByUser(user)).isEmpty();
            assertThat(Invitation.<Invitation>find("acceptedAt is not null").count()).isZero();
        });
        assertThat(fixtures.activeTenantOf(subject)).isNull();
    }

    static void switchTo(UUID tenant) {
        given().redirects().follow(false).formParam("tenant", tenant.toString()).post("/switch").then().statusCode(303);
    }
}
