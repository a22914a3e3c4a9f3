package com.callaback.api;

import static com.callaback.api.ApiKeyFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.callaback.contacts.Contact;
import com.callaback.contacts.Direction;
import com.callaback.contacts.Interaction;
import com.callaback.contacts.InteractionStatus;
import com.callaback.contacts.InteractionType;
import com.callaback.contacts.Lead;
import com.callaback.contacts.LeadCategory;
import com.callaback.contacts.LeadStatus;
import com.callaback.followups.FollowUp;
import com.callaback.followups.FollowUpStatus;
import com.callaback.followups.FollowUpType;
import com.callaback.support.Fixtures;
import com.callaback.tenant.TenantScope;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The JSON API's resources: what each route answers, its validation, paging, and that it never crosses businesses. */
@QuarkusTest
class ApiResourcesTest {

    @Inject
    Fixtures fixtures;
    @Inject
    ApiKeyFixtures apiKeys;
    @Inject
    TenantScope scope;

    /** One business's rows of every kind the API serves. */
    record Rows(UUID contact, UUID interaction, UUID lead, UUID followUp) {
    }

    @Test
    void aKeyOfOneBusinessFindsNothingOfAnotherOnAnyRoute() {
        UUID mine = fixtures.business("API Cross Mine Dental");
        UUID theirs = fixtures.business("API Cross Their Dental");
        rows(mine, "Mia");
        Rows other = rows(theirs, "Theo");
        String key = apiKeys.key(mine, true);

        as(key).get("/api/contacts/" + other.contact()).then().statusCode(404).contentType("application/problem+json");
        as(key).get("/api/user/" + other.contact()).then().statusCode(404);
        as(key).body(Map.of("name", "Hacked")).patch("/api/contacts/" + other.contact()).then().statusCode(404);
        as(key).body(Map.of("status", "lost")).post("/api/leads/" + other.lead() + "/move").then().statusCode(404);
        as(key).get("/api/follow-ups/" + other.followUp()).then().statusCode(404);
        as(key).post("/api/follow-ups/" + other.followUp() + "/cancel").then().statusCode(404);
        as(key).body(Map.of("contactId", other.contact().toString(), "body", "Hi", "at", inAnHour()))
                .post("/api/follow-ups").then().statusCode(404);
        as(key).body(Map.of("contactId", other.contact().toString(), "body", "Hi")).post("/api/send-followup").then()
                .statusCode(404);
        as(key).body(Map.of("category", "APPT")).put("/api/interactions/" + other.interaction() + "/category").then()
                .statusCode(404);
        for (String list : new String[] { "/api/contacts", "/api/users", "/api/interactions", "/api/leads",
                "/api/follow-ups" }) {
            JsonPath page = as(key).get(list).then().statusCode(200).extract().jsonPath();
            assertThat(page.getList("data.id", String.class)).as(list).hasSize(1)
                    .doesNotContain(other.contact().toString(), other.interaction().toString(), other.lead().toString(),
                            other.followUp().toString());
        }
        as(key).queryParam("q", "Theo").get("/api/contacts/search").then().statusCode(200).body("$", hasSize(0));

        scope.run(theirs, () -> {
            assertThat(Contact.<Contact>findById(other.contact()).name).isEqualTo("Theo");
            assertThat(Lead.<Lead>findById(other.lead()).status).isEqualTo(LeadStatus.NEW);
            assertThat(FollowUp.<FollowUp>findById(other.followUp()).status).isEqualTo(FollowUpStatus.PENDING);
            assertThat(Interaction.<Interaction>findById(other.interaction()).category).isEqualTo("LEAD");
            assertThat(FollowUp.count()).isOne();
        });
    }

    @Test
    void pagesNeitherRepeatNorSkipRowsWhileNewOnesArrive() {
        UUID business = fixtures.business("API Paging Vets");
        List<UUID> before = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            before.add(fixtures.contact(business, Fixtures.randomPhone(), "Pet " + i));
        }
        String key = apiKeys.key(business, false);
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = as(key).queryParam("limit", 3);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/contacts").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("data.id", String.class));
            cursor = page.getString("nextCursor");
            // New contacts arrive between pages: they are newer, so they belong before the first page.
            fixtures.contact(business, Fixtures.randomPhone(), "Late " + pages);
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(seen).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(before.stream().map(UUID::toString).toList());
        assertThat(pages).isEqualTo(3);

        List<UUID> interactions = new ArrayList<>();
        Instant start = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < 5; i++) {
            // Two share a time: the id breaks the tie, so neither is lost at a page boundary.
            interactions.add(interaction(business, before.get(i), InteractionType.SMS, "LEAD", start.plusSeconds(i / 2)));
        }
        List<String> walked = new ArrayList<>();
        cursor = null;
        do {
            var request = as(key).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/interactions").then().statusCode(200).extract().jsonPath();
            walked.addAll(page.getList("data.id", String.class));
            cursor = page.getString("nextCursor");
            interaction(business, before.get(6), InteractionType.CALL, "LEAD", Instant.now());
        } while (cursor != null);
        assertThat(walked).doesNotHaveDuplicates().containsExactlyElementsOf(expectedOrder(interactions));
    }

    @Test
    void contactsAreCreatedChangedAndSearchedWithClearErrorsForBadInput() {
        UUID business = fixtures.business("API Contacts Gym");
        String key = apiKeys.key(business, true);
        String id = as(key).body(Map.of("phone", "(312) 555-0177", "name", "Rae Park", "tags", List.of("vip")))
                .post("/api/contacts").then().statusCode(201).body("phone", equalTo("+13125550177"),
                        "source", equalTo("api"), "tags", hasItem("vip"))
                .extract().path("id");
        as(key).body(Map.of("phone", "+13125550177")).post("/api/contacts").then().statusCode(409)
                .body("detail", containsString(id));
        as(key).body(Map.of("email", "rae@example.com")).patch("/api/contacts/" + id).then().statusCode(200)
                .body("email", equalTo("rae@example.com"), "name", equalTo("Rae Park"));
        as(key).get("/api/user/" + id).then().statusCode(200).body("email", equalTo("rae@example.com"));
        as(key).queryParam("q", "Rae").get("/api/contacts/search").then().statusCode(200).body("id", hasItem(id));
        as(key).queryParam("q", "0177").get("/api/contacts/search").then().statusCode(200).body("id", hasItem(id));

        as(key).body(Map.of("name", "x".repeat(121), "email", "nope")).post("/api/contacts").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("phone"), "errors.field", hasItem("name"), "errors.field", hasItem("email"));
        as(key).body(Map.of("phone", "+19999999999")).patch("/api/contacts/" + id).then().statusCode(400)
                .body("errors[0].field", equalTo("phone"));
        as(key).body("{\"name\": ").post("/api/contacts").then().statusCode(400).contentType("application/problem+json");
        as(key).get("/api/contacts/not-a-uuid").then().statusCode(404);
        as(key).queryParam("limit", 0).get("/api/contacts").then().statusCode(400).body("errors[0].field", equalTo("limit"));
        as(key).queryParam("cursor", "garbage").get("/api/contacts").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
        as(key).get("/api/contacts/search").then().statusCode(400).body("errors[0].field", equalTo("q"));
    }

    @Test
    void interactionsFilterByDateTypeAndCategory() {
        UUID business = fixtures.business("API Filter Spa");
        UUID contact = fixtures.contact(business, Fixtures.randomPhone(), "Flo");
        UUID call = interaction(business, contact, InteractionType.CALL, "APPT", Instant.parse("2026-03-10T15:00:00Z"));
        UUID text = interaction(business, contact, InteractionType.SMS, "LEAD", Instant.parse("2026-03-11T15:00:00Z"));
        String key = apiKeys.key(business, false);

        as(key).queryParam("type", "call").get("/api/interactions").then().statusCode(200)
                .body("data.id", equalTo(List.of(call.toString())), "data[0].missed", equalTo(true));
        as(key).queryParam("category", "lead").get("/api/interactions").then().statusCode(200)
                .body("data.id", equalTo(List.of(text.toString())));
        // Dates are days of the business (New York): the whole of 10 March, and nothing of the 11th.
        as(key).queryParam("from", "2026-03-10").queryParam("to", "2026-03-10").get("/api/interactions").then()
                .statusCode(200).body("data.id", equalTo(List.of(call.toString())));
        as(key).queryParam("from", "2026-03-11T00:00:00Z").get("/api/interactions").then().statusCode(200)
                .body("data.id", equalTo(List.of(text.toString())), "nextCursor", nullValue());
        as(key).queryParam("type", "fax").queryParam("category", "urgent").queryParam("from", "yesterday")
                .get("/api/interactions").then().statusCode(400)
                .body("errors.field", hasItem("type"), "errors.field", hasItem("category"), "errors.field", hasItem("from"));
    }

    @Test
    void leadsMoveAndFollowUpsAreScheduledAndCancelled() {
        UUID business = fixtures.business("API Pipeline Roofing");
        Rows rows = rows(business, "Lou");
        String key = apiKeys.key(business, true);

        as(key).queryParam("status", "new").get("/api/leads").then().statusCode(200)
                .body("data.id", equalTo(List.of(rows.lead().toString())));
        as(key).body(Map.of("status", "won")).post("/api/leads/" + rows.lead() + "/move").then().statusCode(200)
                .body("status", equalTo("won"));
        as(key).body(Map.of("status", "maybe")).post("/api/leads/" + rows.lead() + "/move").then().statusCode(400)
                .body("errors[0].field", equalTo("status"));
        as(key).queryParam("status", "won").get("/api/leads").then().body("data", hasSize(1));

        String at = inAnHour();
        String scheduled = as(key).body(Map.of("contactId", rows.contact().toString(), "body", "See you soon", "at", at))
                .post("/api/follow-ups").then().statusCode(201).body("status", equalTo("pending"),
                        "type", equalTo("manual_sms"), "scheduledAt", equalTo(at))
                .extract().path("id");
        as(key).body(Map.of("contactId", rows.contact().toString(), "body", "", "at", "2020-01-01T00:00:00Z"))
                .post("/api/follow-ups").then().statusCode(400)
                .body("errors.field", hasItem("body"), "errors.field", hasItem("at"));
        as(key).body(Map.of("contactId", "42", "body", "Hi", "at", at)).post("/api/follow-ups").then().statusCode(400)
                .body("errors[0].field", equalTo("contactId"));
        as(key).post("/api/follow-ups/" + scheduled + "/cancel").then().statusCode(200)
                .body("status", equalTo("cancelled"));
        as(key).post("/api/follow-ups/" + scheduled + "/cancel").then().statusCode(409);
        as(key).queryParam("status", "cancelled").get("/api/follow-ups").then().statusCode(200)
                .body("data.id", equalTo(List.of(scheduled)));
        as(key).queryParam("status", "lost").get("/api/follow-ups").then().statusCode(400);
    }

    private static List<String> expectedOrder(List<UUID> interactions) {
        // Newest first; within the same time, the larger id first as PostgreSQL orders uuids (unsigned, as their text
        // sorts; Java's UUID.compareTo is signed).
        List<int[]> order = new ArrayList<>();
        for (int i = 0; i < interactions.size(); i++) {
            order.add(new int[] { i / 2, i });
        }
        return order.stream()
                .sorted((a, b) -> a[0] != b[0] ? Integer.compare(b[0], a[0])
                        : interactions.get(b[1]).toString().compareTo(interactions.get(a[1]).toString()))
                .map(a -> interactions.get(a[1]).toString()).toList();
    }

    private static String inAnHour() {
        return Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private Rows rows(UUID business, String name) {
        UUID contact = fixtures.contact(business, Fixtures.randomPhone(), name);
        UUID interaction = interaction(business, contact, InteractionType.CALL, "LEAD", Instant.now());
        return scope.call(business, () -> {
            Lead lead = new Lead();
            lead.contactId = contact;
            lead.category = LeadCategory.LEAD;
            lead.persist();
            FollowUp followUp = FollowUp.schedule(contact, lead.id, FollowUpType.MANUAL_SMS, "Hello",
                    Instant.now().plus(1, ChronoUnit.DAYS));
            return new Rows(contact, interaction, lead.id, followUp.id);
        });
    }

    private UUID interaction(UUID business, UUID contact, InteractionType type, String category, Instant at) {
        return scope.call(business, () -> {
            Interaction i = new Interaction();
            i.contactId = contact;
            i.type = type;
            i.direction = Direction.INBOUND;
            i.status = type == InteractionType.CALL ? InteractionStatus.MISSED : InteractionStatus.RECEIVED;
            i.category = category;
            i.occurredAt = at;
            i.persist();
            return i.id;
        });
    }
}
