package com.callaback.contacts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.callaback.identity.AuditEntry;
import com.callaback.support.Fixtures;
import com.callaback.tenant.TenantScope;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;

/** The leads pipeline as a member uses it: columns, moves, reopening, the category filter, editing, other tenants. */
@QuarkusTest
class LeadPipelineTest {

    @Inject
    Fixtures fixtures;
    @Inject
    TenantScope scope;

    @Test
    @TestSecurity(user = "leads-mover")
    void aMemberMovesALeadThroughThePipelineToWon() {
        UUID shop = fixtures.business("Pipeline Plumbing");
        fixtures.member(shop, "leads-mover", "member");
        UUID contact = fixtures.contact(shop, Fixtures.randomPhone(), "Ana Lopez");
        UUID lead = lead(shop, contact, LeadStatus.NEW, LeadCategory.APPT);
        scope.run(shop, () -> {
            Lead l = Lead.findById(lead);
            l.valueCents = 120_000L;
            l.priority = LeadPriority.HIGH;
        });
        switchTo(shop);

        String page = given().get("/leads").then().statusCode(200).extract().asString();
        String card = column(page, "new");
        assertThat(card).contains("data-lead=\"" + lead + "\"", "href=\"/conversations/" + contact + "\"", "Ana Lopez",
                "data-category=\"APPT\"", "$1,200", "data-priority=\"high\"", "Since just now");
        assertThat(column(page, "won")).doesNotContain(lead.toString());

        for (String status : new String[] {"contacted", "qualified", "won"}) {
            move(lead, status).then().statusCode(303).header("Location", endsWith("/leads"));
        }
        given().header("HX-Request", "true").redirects().follow(false).formParam("status", "won")
                .post("/leads/" + lead + "/status").then().statusCode(303);

        assertThat(column(given().get("/leads").asString(), "won")).contains(lead.toString(), "closed just now");
        scope.run(shop, () -> {
            Lead won = Lead.findById(lead);
            assertThat(won.status).isEqualTo(LeadStatus.WON);
            assertThat(won.closedAt).isNotNull();
            assertThat(AuditEntry.count("action = ?1 and targetId = ?2", "lead.moved", lead.toString())).isEqualTo(3);
            won.closedAt = java.time.Instant.now().minus(java.time.Duration.ofDays(21));
        });
        given().redirects().follow(false).formParam("status", "lost").post("/leads/" + lead + "/status").then()
                .statusCode(303);
        scope.run(shop, () -> assertThat(Lead.<Lead>findById(lead).closedAt)
                .as("lost after won is a new closing").isAfter(java.time.Instant.now().minusSeconds(60)));
    }

    @Test
    @TestSecurity(user = "leads-reopener")
    void reopeningALeadWhileTheContactHasAnotherOpenOneIsAConflict() {
        UUID shop = fixtures.business("Reopen Roofing");
        fixtures.member(shop, "leads-reopener", "member");
        UUID contact = fixtures.contact(shop, Fixtures.randomPhone(), "Ben Ortiz");
        UUID old = lead(shop, contact, LeadStatus.WON, LeadCategory.LEAD);
        UUID current = lead(shop, contact, LeadStatus.NEW, LeadCategory.LEAD);
        switchTo(shop);

        move(old, "qualified").then().statusCode(409)
                .body(containsString("data-lead-error"), containsString("This contact already has an open lead."));
        scope.run(shop, () -> assertThat(Lead.<Lead>findById(old).status).isEqualTo(LeadStatus.WON));

        move(current, "lost").then().statusCode(303);
        move(old, "qualified").then().statusCode(303);
        scope.run(shop, () -> {
            Lead reopened = Lead.findById(old);
            assertThat(reopened.status).isEqualTo(LeadStatus.QUALIFIED);
            assertThat(reopened.closedAt).isNull();
            assertThat(Lead.<Lead>findById(current).closedAt).isNotNull();
        });
        move(old, "sideways").then().statusCode(400).body(containsString("Choose new, contacted, qualified, won or lost."));
    }

    @Test
    @TestSecurity(user = "leads-filterer")
    void theCategoryFilterShowsOnlyThatCategoryAndEachColumnHasAMoreLink() {
        UUID shop = fixtures.business("Filter Florist");
        fixtures.member(shop, "leads-filterer", "member");
        UUID appt = lead(shop, fixtures.contact(shop, Fixtures.randomPhone(), "Appointment Amy"), LeadStatus.NEW,
                LeadCategory.APPT);
        UUID callback = lead(shop, fixtures.contact(shop, Fixtures.randomPhone(), "Callback Carl"),
                LeadStatus.CONTACTED, LeadCategory.CALLBACK);
        switchTo(shop);

        given().get("/leads?category=APPT").then().statusCode(200)
                .body(containsString(appt.toString()), not(containsString(callback.toString())),
                        containsString("<input type=\"hidden\" name=\"category\" value=\"APPT\">"));
        given().get("/leads?category=callback").then().statusCode(200)
                .body(containsString(callback.toString()), not(containsString(appt.toString())));
        given().get("/leads?category=URGENT").then().statusCode(400).body(containsString("Choose LEAD, APPT or CALLBACK."));
        given().redirects().follow(false).formParam("status", "qualified").formParam("category", "CALLBACK")
                .post("/leads/" + callback + "/status").then().statusCode(303)
                .header("Location", endsWith("/leads?category=CALLBACK"));

        for (int i = 0; i < LeadService.COLUMN_SIZE; i++) {
            lead(shop, fixtures.contact(shop, Fixtures.randomPhone(), "Many " + i), LeadStatus.NEW, LeadCategory.APPT);
        }
        String board = given().get("/leads?category=APPT").asString();
        assertThat(column(board, "new")).contains("data-more=\"new\"").doesNotContain(appt.toString());
        String more = given().get("/leads?category=APPT&status=new&page=1").then().statusCode(200).extract().asString();
        assertThat(more).contains(appt.toString()).doesNotContain("data-column=\"won\"");
        assertThat(more.split("data-lead=\"").length - 1).isEqualTo(LeadService.COLUMN_SIZE + 1);
    }

    @Test
    @TestSecurity(user = "leads-editor")
    void valuePriorityAndNotesAreEditedAndABadValueIsShownAgainWithItsMessage() {
        UUID shop = fixtures.business("Edit Electric");
        fixtures.member(shop, "leads-editor", "member");
        UUID lead = lead(shop, fixtures.contact(shop, Fixtures.randomPhone(), "Cleo Diaz"), LeadStatus.NEW,
                LeadCategory.LEAD);
        switchTo(shop);

        given().get("/leads/" + lead).then().statusCode(200).body(containsString("Lead: Cleo Diaz"));
        given().redirects().follow(false).formParam("value", "12 dollars").formParam("priority", "high")
                .formParam("notes", "Wants a quote").post("/leads/" + lead).then().statusCode(400)
                .body(containsString("Enter an amount in dollars"), containsString("value=\"12 dollars\""),
                        containsString("Wants a quote"));
        scope.run(shop, () -> assertThat(Lead.<Lead>findById(lead).notes).isNull());

        given().redirects().follow(false).formParam("value", "$1,250.50").formParam("priority", "high")
                .formParam("notes", "Wants a quote").post("/leads/" + lead).then().statusCode(303);
        scope.run(shop, () -> {
            Lead edited = Lead.findById(lead);
            assertThat(edited.valueCents).isEqualTo(125_050L);
            assertThat(edited.priority).isEqualTo(LeadPriority.HIGH);
            assertThat(edited.notes).isEqualTo("Wants a quote");
        });
        assertThat(column(given().get("/leads").asString(), "new")).contains("$1,250.50", "High priority");
    }

    @Test
    @TestSecurity(user = "leads-outsider")
    void anotherBusinessesLeadIsNotFoundAndUnchanged() {
        UUID theirs = fixtures.business("Their Lead Landscaping");
        UUID lead = lead(theirs, fixtures.contact(theirs, Fixtures.randomPhone(), "Secret Sam"), LeadStatus.NEW,
                LeadCategory.LEAD);
        UUID mine = fixtures.business("My Lead Lawns");
        fixtures.member(mine, "leads-outsider", "member");
        switchTo(mine);

        given().get("/leads").then().statusCode(200).body(not(containsString("Secret Sam")));
        given().get("/leads/" + lead).then().statusCode(404).body(not(containsString("Secret Sam")));
        move(lead, "won").then().statusCode(404);
        given().redirects().follow(false).formParam("value", "1").formParam("priority", "low")
                .post("/leads/" + lead).then().statusCode(404);
        given().get("/leads/not-a-uuid").then().statusCode(404);
        scope.run(theirs, () -> {
            Lead untouched = Lead.findById(lead);
            assertThat(untouched.status).isEqualTo(LeadStatus.NEW);
            assertThat(untouched.valueCents).isNull();
        });
    }

    @Test
    @TestSecurity(user = "leads-without-business")
    void someoneWithoutABusinessIsSentToSetOneUp() {
        fixtures.user("leads-without-business");
        given().redirects().follow(false).get("/leads").then().statusCode(303).header("Location", endsWith("/onboarding"));
        given().redirects().follow(false).get("/follow-ups").then().statusCode(303)
                .header("Location", endsWith("/onboarding"));
        move(UUID.randomUUID(), "won").then().statusCode(404);
    }

    private UUID lead(UUID tenant, UUID contact, LeadStatus status, LeadCategory category) {
        return scope.call(tenant, () -> {
            Lead lead = new Lead();
            lead.contactId = contact;
            lead.status = status;
            lead.category = category;
            lead.source = "manual";
            lead.persist();
            return lead.id;
        });
    }

    private static Response move(UUID lead, String status) {
        return given().redirects().follow(false).formParam("status", status).post("/leads/" + lead + "/status");
    }

    /** The HTML of one pipeline column. */
    private static String column(String page, String status) {
        int start = page.indexOf("data-column=\"" + status + "\"");
        assertThat(start).as("column " + status).isNotNegative();
        return page.substring(start, page.indexOf("</section>", start));
    }

    private static void switchTo(UUID tenant) {
        given().redirects().follow(false).formParam("tenant", tenant.toString()).post("/switch").then().statusCode(303);
    }
}
