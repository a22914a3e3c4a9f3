package com.callaback.contacts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import com.callaback.followups.FollowUp;
import com.callaback.identity.AuditEntry;
import com.callaback.support.Fixtures;
import com.callaback.tenant.TenantScope;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/** The contacts pages: search in the formats people type, paging, editing, do-not-text, and tenancy. */
@QuarkusTest
class ContactPageTest {

    @Inject
    Fixtures fixtures;
    @Inject
    TenantScope scope;
    @Inject
    EntityManager em;

    @Test
    @TestSecurity(user = "contacts-searcher")
    void searchFindsContactsByNameOrByANumberInAnyFormat() {
        UUID tenant = fixtures.business("Contacts Search Salon");
        signIn(tenant, "contacts-searcher", "member");
        UUID maria = fixtures.contact(tenant, "+13125550142", "Maria Lopez");
        UUID mark = fixtures.contact(tenant, "+13125559876", "Mark Twain");
        UUID zed = fixtures.contact(tenant, "+14155550142", "Zed");

        assertFinds("(312) 555-0142", List.of(maria), List.of(mark, zed));
        assertFinds("312.555.0142", List.of(maria), List.of(mark, zed));
        assertFinds("+1 312 555 0142", List.of(maria), List.of(mark, zed));
        assertFinds("0142", List.of(maria, zed), List.of(mark));
        assertFinds("555 01", List.of(maria, zed), List.of(mark));
        assertFinds("415", List.of(zed), List.of(maria, mark));
        assertFinds("mar", List.of(maria, mark), List.of(zed));
        assertFinds("  MARIA   l ", List.of(maria), List.of(mark, zed));
        assertFinds("", List.of(maria, mark, zed), List.of());
        given().queryParam("q", "nobody").get("/contacts").then().statusCode(200)
                .body(containsString("data-no-contacts"), containsString("Nobody matches “nobody”"));
        given().queryParam("q", "%_'\"<b>").get("/contacts").then().statusCode(200)
                .body(containsString("data-no-contacts"), not(containsString("<b>")));
        given().queryParam("q", "zz" + new String(Character.toChars(Character.MAX_CODE_POINT))).get("/contacts")
                .then().statusCode(200).body(containsString("data-no-contacts"));
        given().queryParam("q", "Ma\u0000ria").get("/contacts").then().statusCode(400)
                .body(containsString("NUL character"));
    }

    @Test
    @TestSecurity(user = "contacts-pager")
    void searchResultsArePaged() {
        UUID tenant = fixtures.business("Contacts Paging Gym");
        signIn(tenant, "contacts-pager", "member");
        for (int n = 0; n < 27; n++) {
            fixtures.contact(tenant, "+1312555" + (3000 + n), String.format("Pager %02d", n));
        }
        String first = given().queryParam("q", "pager").get("/contacts").then().statusCode(200).extract().asString();
        assertThat(first.split("data-contact=\"", -1)).hasSize(26);
        assertThat(first).contains("Pager 00").contains("Pager 24").doesNotContain("Pager 25")
                .contains("href=\"/contacts?q=pager&amp;page=2\" rel=\"next\"");
        String second = given().queryParam("q", "pager").queryParam("page", 2).get("/contacts").then().statusCode(200)
                .extract().asString();
        assertThat(second.split("data-contact=\"", -1)).hasSize(3);
        assertThat(second).contains("Pager 25").contains("Pager 26").contains("rel=\"prev\"");
    }

    @Test
    @TestSecurity(user = "contacts-editor")
    void aMemberEditsDetailsEachFieldValidatedBesideIt() {
        UUID tenant = fixtures.business("Contacts Edit Cafe");
        signIn(tenant, "contacts-editor", "member");
        UUID contact = fixtures.contact(tenant, "+13125550181", "Old Name");

        given().get("/contacts/" + contact).then().statusCode(200)
                .body(containsString("value=\"Old Name\""), containsString("data-timeline-empty"),
                        containsString("data-opt-out-state=\"subscribed\""));
        given().redirects().follow(false).formParam("name", " Nina Park ").formParam("email", "Nina@Example.com")
                .formParam("company", "Park Bakery").formParam("notes", "Prefers texts").formParam("tags", "vip, bread ,VIP,")
                .post("/contacts/" + contact).then().statusCode(303)
                .header("Location", containsString("/contacts/" + contact + "?saved=details"));
        given().get("/contacts/" + contact + "?saved=details").then().statusCode(200)
                .body(containsString("data-saved>Saved.</p>"));
        given().get("/contacts/" + contact + "?saved=<b>planted</b>").then().statusCode(200)
                .body(not(containsString("data-saved")), not(containsString("planted")));
        given().get("/contacts/" + contact).then().statusCode(200)
                .body(containsString("<h1>Nina Park</h1>"), containsString("value=\"nina@example.com\""),
                        containsString("value=\"vip, bread\""), containsString("<span class=\"tag\">bread</span>"),
                        containsString("Prefers texts</textarea>"));

        given().formParam("name", "Nina P").formParam("email", "not-an-email").formParam("tags", "x".repeat(41))
                .post("/contacts/" + contact).then().statusCode(400)
                .body(containsString("Enter an email address like name@example.com."),
                        containsString("Keep each tag under 40 characters."),
                        containsString("value=\"not-an-email\""), containsString("value=\"Nina P\""));

        scope.run(tenant, () -> {
            Contact c = Contact.findById(contact);
            assertThat(c.name).isEqualTo("Nina Park");
            assertThat(c.email).isEqualTo("nina@example.com");
            assertThat(c.company).isEqualTo("Park Bakery");
            assertThat(c.tags).containsExactly("vip", "bread");
            AuditEntry entry = AuditEntry.find("action = 'contact.updated' and targetId = ?1", contact.toString())
                    .singleResult();
            assertThat(entry.actorUserId).isEqualTo(fixtures.user("contacts-editor"));
            assertThat(entry.details).containsKey("fields");
        });
    }

    @Test
    @TestSecurity(user = "contacts-opt-out")
    void theBusinessMayMarkDoNotTextButNeverOptAContactBackIn() {
        UUID tenant = fixtures.business("Contacts Opt Out Clinic");
        signIn(tenant, "contacts-opt-out", "member");
        UUID contact = fixtures.contact(tenant, "+13125550182", "Omar");
        scope.run(tenant, () -> FollowUp.schedule(contact, null, com.callaback.followups.FollowUpType.MANUAL_SMS, "See you soon",
                Instant.now().plusSeconds(3600)));
        UUID callBack = scope.call(tenant, () -> FollowUp.schedule(contact, null,
                com.callaback.followups.FollowUpType.CALLBACK, "Call about the quote", Instant.now().plusSeconds(7200)).id);

        given().redirects().follow(false).post("/contacts/" + contact + "/opt-out").then().statusCode(303);
        given().get("/contacts/" + contact).then().statusCode(200)
                .body(containsString("data-opt-out-state=\"opted-out\""), containsString("data-opt-out-source=\"team\""),
                        containsString("data-opt-in-form"), not(containsString("data-opt-out-form")),
                        containsString("Text not sent"),
                        containsString("The contact opted out of texts (STOP, or marked do not text by your team)"));
        given().formParam("body", "hello").post("/conversations/" + contact + "/reply").then().statusCode(409)
                .body(containsString("Your team marked Omar \"do not text\""));

        // The team lifts its own mark; the customer's STOP it can never lift.
        given().redirects().follow(false).post("/contacts/" + contact + "/opt-in").then().statusCode(303);
        scope.run(tenant, () -> assertThat(Contact.<Contact>findById(contact).smsOptOut).isFalse());
        given().redirects().follow(false).post("/contacts/" + contact + "/opt-out").then().statusCode(303);
        scope.run(tenant, () -> Contact.<Contact>findById(contact).optOut(OptOutSource.CUSTOMER));
        given().get("/contacts/" + contact).then().statusCode(200)
                .body(containsString("data-opt-out-source=\"customer\""), containsString("Only the customer can opt back in"),
                        not(containsString("data-opt-in-form")));
        given().post("/contacts/" + contact + "/opt-in").then().statusCode(409)
                .body(containsString("Only the customer can opt back in"));
        given().redirects().follow(false).formParam("name", "Omar").formParam("smsOptOut", "false")
                .post("/contacts/" + contact).then().statusCode(303);
        given().get("/conversations/" + contact).then().statusCode(200).body(containsString("data-opted-out"),
                containsString("replied STOP"));

        scope.run(tenant, () -> {
            assertThat(Contact.<Contact>findById(contact).smsOptOut).isTrue();
            assertThat(String.valueOf(FollowUp.<FollowUp>find("contactId = ?1 and id <> ?2", contact, callBack)
                    .singleResult().status)).isEqualToIgnoringCase("cancelled");
            assertThat(String.valueOf(FollowUp.<FollowUp>findById(callBack).status))
                    .as("a call-back the customer asked for still stands").isEqualToIgnoringCase("pending");
            assertThat(AuditEntry.count("action = 'contact.opted_out' and targetId = ?1", contact.toString())).isEqualTo(2);
            assertThat(AuditEntry.count("action = 'contact.opted_in' and targetId = ?1", contact.toString())).isOne();
        });
    }

    @Test
    @TestSecurity(user = "contacts-outsider")
    void anotherBusinesssContactIsNotFoundAndUnchanged() {
        UUID theirs = fixtures.business("Contacts Their Barber");
        UUID mine = fixtures.business("Contacts My Barber");
        signIn(mine, "contacts-outsider", "owner");
        UUID contact = fixtures.contact(theirs, "+13125550183", "Secret Sam");

        given().get("/contacts/" + contact).then().statusCode(404).body(not(containsString("Secret Sam")));
        given().formParam("name", "Hacked").post("/contacts/" + contact).then().statusCode(404);
        given().post("/contacts/" + contact + "/opt-out").then().statusCode(404);
        given().post("/contacts/" + contact + "/opt-in").then().statusCode(404);
        given().get("/contacts/12345").then().statusCode(404);
        given().queryParam("q", "secret").get("/contacts").then().statusCode(200).body(not(containsString("Secret Sam")));
        given().queryParam("q", "0183").get("/contacts").then().statusCode(200).body(not(containsString(contact.toString())));

        scope.run(theirs, () -> {
            Contact c = Contact.findById(contact);
            assertThat(c.name).isEqualTo("Secret Sam");
            assertThat(c.smsOptOut).isFalse();
            assertThat(AuditEntry.count()).isZero();
        });
    }

    @Test
    void everyListQueryIsServedByAnIndexUnderRowLevelSecurityAt20000Contacts() {
        UUID tenant = fixtures.business("Contacts Explain Shop");
        scope.run(tenant, () -> em.createNativeQuery("insert into contacts (tenant_id, id, phone, name, last_activity_at) "
                + "select current_tenant_id(), gen_random_uuid(), '+1312' || lpad(g::text, 7, '0'), 'Bulk ' || g, "
                + "case when g % 4 = 0 then null else now() - make_interval(mins => g) end "
                + "from generate_series(1, 20000) g").executeUpdate());
        analyzeContactsAsOwner();
        assertPlanUses(tenant, ContactQuery.parse("bulk 12").sql(26, 0), "contacts_name_prefix_idx");
        assertPlanUses(tenant, ContactQuery.parse("(312) 000-0184").sql(26, 0), "contacts_phone_prefix_idx");
        assertPlanUses(tenant, ContactQuery.parse("0184").sql(26, 0), "contacts_phone_suffix_idx");
        assertPlanUses(tenant, ContactQuery.parse("000 01").sql(26, 0), "contacts_phone_local_idx");
        assertPlanUses(tenant, ContactQuery.parse("").sql(26, 25), "contacts_created_idx");
        assertPlanUses(tenant, new ContactQuery.Sql("select * from contacts where last_activity_at is not null "
                + "order by last_activity_at desc, id desc limit 26 offset 25", List.of()), "contacts_activity_idx");
    }

    /** What autovacuum does on a real database after a bulk load: only the owner may, the app role may not. */
    private static void analyzeContactsAsOwner() {
        var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        try (var connection = java.sql.DriverManager.getConnection(config.getValue("DB_URL", String.class),
                config.getValue("DB_MIGRATION_USER", String.class), config.getValue("DB_MIGRATION_PASSWORD", String.class));
                var statement = connection.createStatement()) {
            statement.execute("analyze contacts");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The plan of a list query in a tenant, as the application role sees it (row-level security included). */
    private void assertPlanUses(UUID tenant, ContactQuery.Sql sql, String index) {
        String plan = scope.call(tenant, () -> {
            var explain = em.createNativeQuery("explain " + sql.text());
            for (int i = 0; i < sql.params().size(); i++) {
                explain.setParameter(i + 1, sql.params().get(i));
            }
            return String.join("\n", explain.getResultList().stream().map(String::valueOf).toList());
        });
        assertThat(plan).as(sql.text()).contains(index).doesNotContain("Seq Scan").doesNotContain("Filter: ((search");
    }

    private void assertFinds(String query, List<UUID> found, List<UUID> notFound) {
        String page = given().queryParam("q", query).get("/contacts").then().statusCode(200).extract().asString();
        for (UUID id : found) {
            assertThat(page).as("'%s' finds %s", query, id).contains("data-contact=\"" + id + "\"");
        }
        for (UUID id : notFound) {
            assertThat(page).as("'%s' does not find %s", query, id).doesNotContain("data-contact=\"" + id + "\"");
        }
    }

    private void signIn(UUID tenantId, String subject, String role) {
        fixtures.member(tenantId, subject, role);
        given().redirects().follow(false).formParam("tenant", tenantId.toString()).post("/switch").then().statusCode(303);
    }
}
