package com.callaback.agency;

import com.callaback.support.AsTenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import com.callaback.identity.Invitation;
import com.callaback.support.Fixtures;
import com.callaback.support.SeededFigures;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantScope;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/**
 * The agency roll-up against hand-counted figures (see {@link SeededFigures}): each client side by side, the
 * automatic texts counted, problems named, sortable; an agency sees and invites into only its own clients.
 */
@QuarkusTest
class AgencyRollUpTest {

    @Inject
    Fixtures fixtures;
    @Inject
    SeededFigures seeded;
    @Inject
    TenantScope scope;
    @Inject
    EntityManager em;

    @Test
    @TestSecurity(user = "rollup-owner")
    void clientsSideBySideWithHandCountedFiguresSortableAndOnlyTheAgencysOwn() {
        UUID agency = fixtures.agency("Roll-up Agency");
        fixtures.member(agency, "rollup-owner", "owner");
        UUID plumbing = client(agency, "Roll-up Plumbing");
        UUID bakery = client(agency, "Roll-up Bakery");
        // The bakery also sent one automatic text (an auto_sms follow-up), has one held, and its number failed.
        scope.run(bakery, () -> {
            UUID contact = UUID.randomUUID();
            em.createNativeQuery("insert into contacts (tenant_id, id, phone) values (current_tenant_id(), ?1, ?2)")
                    .setParameter(1, contact).setParameter(2, Fixtures.randomPhone()).executeUpdate();
            UUID auto = UUID.randomUUID();
            em.createNativeQuery("insert into follow_ups (tenant_id, id, contact_id, type, status, scheduled_at)"
                    + " values (current_tenant_id(), ?1, ?2, 'auto_sms', 'sent', now())")
                    .setParameter(1, auto).setParameter(2, contact).executeUpdate();
            em.createNativeQuery("insert into sms_metrics (tenant_id, id, contact_id, follow_up_id, message_sid, status,"
                    + " is_delivered) values (current_tenant_id(), gen_random_uuid(), ?1, ?2, 'SMauto' || md5(random()::text), 'delivered', true)")
                    .setParameter(1, contact).setParameter(2, auto).executeUpdate();
            em.createNativeQuery("insert into follow_ups (tenant_id, id, contact_id, type, status, scheduled_at)"
                    + " values (current_tenant_id(), gen_random_uuid(), ?1, 'auto_sms', 'held', now())")
                    .setParameter(1, contact).executeUpdate();
        });
        AsTenant.run(bakery, () -> Tenant.<Tenant>findById(bakery).provisioningStatus = "failed");
        UUID rival = fixtures.agency("Roll-up Rival Agency");
        UUID rivalClient = client(rival, "Roll-up Rival Client");
        switchTo(agency);

        String page = given().get("/agency").then().statusCode(200).extract().asString();
        String plumbingRow = row(page, plumbing);
        assertThat(plumbingRow).contains("data-col=\"missed\">5<", "data-col=\"recovered\">3<",
                "data-col=\"reply-rate\">50%<", "data-col=\"won\">1<", "data-col=\"texts\">4<");
        String bakeryRow = row(page, bakery);
        assertThat(bakeryRow).as("the automatic text is counted").contains("data-col=\"texts\">5<");
        assertThat(bakeryRow).contains("Number setup failed", "1 text held", "1 text failed");
        assertThat(page).contains("data-total=\"missed\">10<", "data-total=\"texts\">9<", "data-total=\"won\">2<");
        assertThat(page).as("another agency's client").doesNotContain("Roll-up Rival Client");

        String today = given().queryParam("period", "today").get("/agency").then().statusCode(200).extract().asString();
        assertThat(row(today, plumbing)).contains("data-col=\"missed\">2<", "data-col=\"texts\">2<");

        String byTexts = given().queryParam("sort", "texts").queryParam("dir", "desc").get("/agency").then()
                .statusCode(200).extract().asString();
        assertThat(byTexts.indexOf("Roll-up Bakery")).isLessThan(byTexts.indexOf("Roll-up Plumbing"));
        String byTextsAscending = given().queryParam("sort", "texts").queryParam("dir", "asc").get("/agency").then()
                .statusCode(200).extract().asString();
        assertThat(byTextsAscending.indexOf("Roll-up Plumbing")).isLessThan(byTextsAscending.indexOf("Roll-up Bakery"));
        given().queryParam("sort", "salary").get("/agency").then().statusCode(400);
        given().queryParam("period", "decade").get("/agency").then().statusCode(400);

        given().redirects().follow(false).formParam("email", "Owner@Plumbing.example")
                .post("/agency/clients/" + plumbing + "/invite-owner").then().statusCode(303);
        assertThat(scope.call(plumbing, () -> Invitation.<Invitation>listAll())).singleElement()
                .satisfies(i -> assertThat(i.role).isEqualTo("owner"))
                .satisfies(i -> assertThat(i.email).isEqualTo("owner@plumbing.example"));
        given().formParam("email", "not an address").post("/agency/clients/" + bakery + "/invite-owner").then()
                .statusCode(400);
        given().redirects().follow(false).formParam("email", "intruder@example.com")
                .post("/agency/clients/" + rivalClient + "/invite-owner").then().statusCode(404);
        assertThat(scope.call(rivalClient, () -> Invitation.count())).as("nothing made in the other agency's client").isZero();
    }

    @Test
    @TestSecurity(user = "rollup-member")
    void aPlainMemberSeesTheFiguresButCannotInvite() {
        UUID agency = fixtures.agency("Roll-up Member Agency");
        fixtures.member(agency, "rollup-member", "member");
        UUID shop = client(agency, "Roll-up Member Shop");
        switchTo(agency);

        assertThat(row(given().get("/agency").then().statusCode(200).extract().asString(), shop))
                .contains("data-col=\"missed\">5<").doesNotContain("invite-owner");
        given().formParam("email", "owner@shop.example").post("/agency/clients/" + shop + "/invite-owner").then()
                .statusCode(403);
        assertThat(scope.call(shop, () -> Invitation.count())).isZero();
    }

    @Test
    void theRollUpFunctionReadsOnlyClientsOfTheCallingAgency() {
        UUID agency = fixtures.agency("Roll-up Function Agency");
        UUID mine = client(agency, "Roll-up Function Client");
        UUID rival = fixtures.agency("Roll-up Function Rival");
        UUID theirs = client(rival, "Roll-up Function Rival Client");
        UUID standalone = seeded.create("Roll-up Function Standalone");

        assertThat(figuresAs(agency, mine, theirs, standalone)).as("only its own client, whatever ids are passed")
                .containsExactly(mine);
        assertThat(figuresAs(standalone, standalone, mine)).as("a business of no agency: nothing, not even itself")
                .isEmpty();
        assertThat(figuresAs(mine, mine, theirs)).as("a client cannot read itself or others through it").isEmpty();
    }

    @SuppressWarnings("unchecked")
    private List<UUID> figuresAs(UUID caller, UUID... ids) {
        String[] starts = java.util.Arrays.stream(ids).map(id -> java.time.Instant.now().minusSeconds(86_400L * 30)
                .toString()).toArray(String[]::new);
        return scope.call(caller, () -> ((List<Object[]>) em.createNativeQuery(
                "select * from agency_client_figures(?1, cast(?2 as timestamptz[]))").setParameter(1, ids)
                .setParameter(2, starts).getResultList()).stream().map(r -> (UUID) r[0]).toList());
    }

    private UUID client(UUID agency, String name) {
        UUID client = fixtures.clientOf(agency, name);
        AsTenant.run(client, () -> Tenant.<Tenant>findById(client).timezone = SeededFigures.ZONE.getId());
        seeded.seed(client);
        return client;
    }

    private static String row(String page, UUID client) {
        String slug = AsTenant.call(client, () -> Tenant.<Tenant>findById(client).slug);
        int start = page.indexOf("data-client=\"" + slug + "\"");
        assertThat(start).as("a row for %s", slug).isPositive();
        return page.substring(start, page.indexOf("</tr>", start));
    }

    private static void switchTo(UUID tenant) {
        given().redirects().follow(false).formParam("tenant", tenant.toString()).post("/switch").then().statusCode(303);
    }
}
