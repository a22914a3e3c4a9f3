package com.callaback.identity;

import static com.callaback.identity.InvitationTest.switchTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.callaback.support.Fixtures;
import com.callaback.tenant.TenantScope;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/** The team page: roles changed and people removed by the rules, one owner always kept, plan limits, tenancy. */
@QuarkusTest
class TeamTest {

    @Inject
    Fixtures fixtures;
    @Inject
    TenantScope scope;
    @Inject
    InvitationService invitations;

    @Test
    @TestSecurity(user = "team-owner")
    void ownerChangesRolesAndRemovesPeopleButTheLastOwnerStays() {
        UUID tenant = fixtures.business("Team Roles Business");
        fixtures.member(tenant, "team-owner", "owner");
        fixtures.member(tenant, "team-admin", "admin");
        fixtures.member(tenant, "team-member", "member");
        switchTo(tenant);
        UUID owner = membership(tenant, "team-owner");
        UUID admin = membership(tenant, "team-admin");
        UUID member = membership(tenant, "team-member");

        given().get("/settings/team").then().statusCode(200)
                .body(containsString("data-member=\"" + member + "\" data-role=\"member\""),
                        containsString("team-admin@example.com"), containsString("3 of 3 people on the Starter plan"));

        given().redirects().follow(false).formParam("role", "admin")
                .post("/settings/team/members/" + member + "/role").then().statusCode(303);
        UUID adminUser = fixtures.user("team-admin");
        UUID contact = fixtures.contact(tenant, com.callaback.support.Fixtures.randomPhone(), "Call Me");
        UUID callBack = scope.call(tenant, () -> {
            var task = com.callaback.followups.FollowUp.schedule(contact, null,
                    com.callaback.followups.FollowUpType.CALLBACK, "Call about the quote",
                    java.time.Instant.now().plusSeconds(3600));
            task.assignedTo = adminUser;
            return task.id;
        });
        given().redirects().follow(false).post("/settings/team/members/" + admin + "/remove").then().statusCode(303);
        scope.run(tenant, () -> assertThat(com.callaback.followups.FollowUp.<com.callaback.followups.FollowUp>findById(
                callBack).assignedTo).as("their call-back goes back to the team").isNull());
        given().get("/follow-ups").then().statusCode(200).body(containsString("data-unassigned"));
        given().get("/settings/team").then().statusCode(200)
                .body(containsString("data-member=\"" + member + "\" data-role=\"admin\""),
                        not(containsString("team-admin@example.com")));

        given().formParam("role", "admin").post("/settings/team/members/" + owner + "/role").then()
                .statusCode(400).body(containsString("This is the only owner"), containsString("data-team-error"));
        given().post("/settings/team/members/" + owner + "/remove").then()
                .statusCode(400).body(containsString("cannot be removed"));
        given().formParam("role", "boss").post("/settings/team/members/" + member + "/role").then().statusCode(400);

        // With a second owner, the first may step down.
        given().redirects().follow(false).formParam("role", "owner")
                .post("/settings/team/members/" + member + "/role").then().statusCode(303);
        given().redirects().follow(false).formParam("role", "admin")
                .post("/settings/team/members/" + owner + "/role").then().statusCode(303);
        scope.run(tenant, () -> {
            assertThat(Membership.<Membership>findById(owner).role()).isEqualTo(Role.ADMIN);
            assertThat(Membership.<Membership>findById(member).role()).isEqualTo(Role.OWNER);
            assertThat(AuditEntry.count("action", "member.role_changed")).isEqualTo(3);
            assertThat(AuditEntry.count("action", "member.removed")).isOne();
        });
    }

    @Test
    @TestSecurity(user = "team-admin-only")
    void anAdminCannotMakeChangeOrRemoveOwners() {
        UUID tenant = fixtures.business("Admin Limits Business");
        fixtures.member(tenant, "team-admin-owner", "owner");
        fixtures.member(tenant, "team-admin-only", "admin");
        fixtures.member(tenant, "team-admin-peer", "member");
        switchTo(tenant);
        UUID owner = membership(tenant, "team-admin-owner");
        UUID peer = membership(tenant, "team-admin-peer");

        given().get("/settings/team").then().statusCode(200)
                .body(containsString("Only an owner can change an owner."), not(containsString("value=\"owner\"")));
        given().formParam("role", "member").post("/settings/team/members/" + owner + "/role").then()
                .statusCode(403).body(containsString("Only an owner"));
        given().post("/settings/team/members/" + owner + "/remove").then().statusCode(403);
        given().formParam("role", "owner").post("/settings/team/members/" + peer + "/role").then().statusCode(403);
        given().formParam("email", "boss@example.com").formParam("role", "owner").post("/settings/team/invitations")
                .then().statusCode(400).body(containsString("Choose admin or member."));
        given().redirects().follow(false).formParam("role", "admin")
                .post("/settings/team/members/" + peer + "/role").then().statusCode(303);
        scope.run(tenant, () -> {
            assertThat(Membership.<Membership>findById(owner).role()).isEqualTo(Role.OWNER);
            assertThat(Membership.<Membership>findById(peer).role()).isEqualTo(Role.ADMIN);
            assertThat(Invitation.count()).isZero();
        });
    }

    @Test
    @TestSecurity(user = "team-plain-member")
    void aMemberCannotChangeTheTeam() {
        UUID tenant = fixtures.business("Member Team Business");
        fixtures.member(tenant, "team-plain-owner", "owner");
        fixtures.member(tenant, "team-plain-member", "member");
        switchTo(tenant);
        UUID owner = membership(tenant, "team-plain-owner");
        UUID self = membership(tenant, "team-plain-member");

        given().get("/settings/team").then().statusCode(200).body(not(containsString("/remove")));
        given().formParam("role", "admin").post("/settings/team/members/" + self + "/role").then().statusCode(403);
        given().post("/settings/team/members/" + owner + "/remove").then().statusCode(403);
        scope.run(tenant, () -> {
            assertThat(Membership.count()).isEqualTo(2);
            assertThat(Membership.<Membership>findById(self).role()).isEqualTo(Role.MEMBER);
        });
    }

    @Test
    @TestSecurity(user = "team-cross-owner")
    void anotherBusinessesMembersAndInvitationsAreNotFound() {
        UUID victim = fixtures.business("Team Victim Business");
        fixtures.member(victim, "team-victim-owner", "owner");
        fixtures.member(victim, "team-victim-member", "member");
        UUID invitation = scope.call(victim, () -> invitations.invite(null, Role.OWNER, "victim-invite@example.com",
                "member")).id();
        UUID attacker = fixtures.business("Team Attacker Business");
        fixtures.member(attacker, "team-cross-owner", "owner");
        switchTo(attacker);
        UUID victimOwner = membership(victim, "team-victim-owner");
        UUID victimMember = membership(victim, "team-victim-member");

        given().formParam("role", "owner").post("/settings/team/members/" + victimMember + "/role").then()
                .statusCode(404).body(not(containsString("team-victim")));
        given().post("/settings/team/members/" + victimOwner + "/remove").then().statusCode(404);
        given().post("/settings/team/invitations/" + invitation + "/revoke").then().statusCode(404)
                .body(not(containsString("victim-invite")));
        given().post("/settings/team/members/not-a-uuid/remove").then().statusCode(404);
        given().get("/settings/team").then().statusCode(200)
                .body(not(containsString("team-victim")), not(containsString("victim-invite")));
        scope.run(victim, () -> {
            assertThat(Membership.count()).isEqualTo(2);
            assertThat(Membership.<Membership>findById(victimMember).role()).isEqualTo(Role.MEMBER);
            assertThat(Invitation.<Invitation>findById(invitation).revokedAt).isNull();
        });
    }

    @Test
    @TestSecurity(user = "team-plan-owner")
    void thePlanLimitCountsMembersAndPendingInvitations() {
        UUID tenant = fixtures.business("Team Plan Business");
        fixtures.member(tenant, "team-plan-owner", "owner");
        switchTo(tenant);
        invite("plan-one@example.com").then().statusCode(303);
        invite("plan-two@example.com").then().statusCode(303);
        invite("plan-three@example.com").then().statusCode(400)
                .body(containsString("The Starter plan includes up to 3 people"),
                        containsString("value=\"plan-three@example.com\""), containsString("data-plan-full"));
        invite("plan-two@example.com").then().statusCode(400);

        UUID second = scope.call(tenant, () -> Invitation.<Invitation>find("email", "plan-two@example.com")
                .firstResult().id);
        given().redirects().follow(false).post("/settings/team/invitations/" + second + "/revoke").then()
                .statusCode(303);
        given().get("/settings/team").then().body(not(containsString("plan-two@example.com as")));
        invite("plan-three@example.com").then().statusCode(303);
        scope.run(tenant, () -> assertThat(AuditEntry.count("action", "invitation.created")).isEqualTo(3));
    }

    @Test
    @TestSecurity(user = "team-agency-owner")
    void aClientRunByItsAgencyExplainsHowToHandItOver() {
        UUID agency = fixtures.agency("Team Handover Agency");
        fixtures.member(agency, "team-agency-owner", "owner");
        UUID client = fixtures.clientOf(agency, "Team Handover Client");
        switchTo(agency);
        given().redirects().follow(false).post("/agency/clients/" + client + "/enter").then().statusCode(303);

        given().get("/settings/team").then().statusCode(200)
                .body(containsString("data-agency-run"), containsString("is run by Team Handover Agency"),
                        containsString("<option value=\"owner\""));
        given().redirects().follow(false).formParam("email", "client-owner@example.com").formParam("role", "owner")
                .post("/settings/team/invitations").then().statusCode(303);
        scope.run(client, () -> assertThat(Invitation.<Invitation>find("email", "client-owner@example.com")
                .firstResult().invitedRole()).isEqualTo(Role.OWNER));
    }

    private static io.restassured.response.Response invite(String email) {
        return given().redirects().follow(false).formParam("email", email).formParam("role", "member")
                .post("/settings/team/invitations");
    }

    private UUID membership(UUID tenant, String subject) {
        UUID user = fixtures.user(subject);
        return scope.call(tenant, () -> Membership.findByUser(user).orElseThrow().id);
    }
}
