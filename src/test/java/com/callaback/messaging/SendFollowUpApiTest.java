package com.callaback.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.callaback.contacts.Contact;
import com.callaback.contacts.Direction;
import com.callaback.contacts.Interaction;
import com.callaback.contacts.InteractionType;
import com.callaback.contacts.Lead;
import com.callaback.followups.FollowUp;
import com.callaback.support.Fixtures;
import com.callaback.support.TwilioStub;
import com.callaback.tenant.TenantScope;
import com.callaback.contacts.LeadCategory;
import com.callaback.followups.FollowUpStatus;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/** The manual-text and category-override API: tenant-scoped, validated, and sent through the same outbox. */
@QuarkusTest
class SendFollowUpApiTest {

    @Inject
    Fixtures fixtures;
    @Inject
    TenantScope scope;
    @Inject
    OutboxDispatcher dispatcher;

    @BeforeEach
    void resetTwilio() {
        TwilioStub.resetForTest(dispatcher);
    }

    @Test
    @TestSecurity(user = "api-sender")
    void aMemberTextsTheirOwnContactAndNotAnotherBusinesss() {
        Fixtures.TwilioBusiness mine = fixtures.twilioBusiness("API Sender Salon", true);
        Fixtures.TwilioBusiness theirs = fixtures.twilioBusiness("API Other Salon", true);
        fixtures.member(mine.tenantId(), "api-sender", "member");
        given().redirects().follow(false).formParam("tenant", mine.tenantId().toString()).post("/switch");
        UUID contact = fixtures.contact(mine.tenantId(), "+13125550161", "Hana");
        UUID otherContact = fixtures.contact(theirs.tenantId(), "+13125550162", "Ivan");

        given().contentType("application/json").body(Map.of("contactId", contact.toString(), "body", "  See you at 4  "))
                .post("/api/send-followup").then().statusCode(202).body("status", equalTo("pending"));
        given().contentType("application/json").body(Map.of("contactId", otherContact.toString(), "body", "Hi"))
                .post("/api/send-followup").then().statusCode(404).contentType("application/problem+json");
        given().contentType("application/json").body(Map.of("contactId", "nope", "body", ""))
                .post("/api/send-followup").then().statusCode(400)
                .body("errors.field", hasItem("contactId"), "errors.field", hasItem("body"));
        given().contentType("application/json").body("{\"contactId\": ").post("/api/send-followup").then()
                .statusCode(400).contentType("application/problem+json");
        given().contentType("application/json").body("[1, 2]").post("/api/send-followup").then().statusCode(400);
        given().contentType("application/json").body(Map.of("contactId", contact.toString(), "body", "x".repeat(1601)))
                .post("/api/send-followup").then().statusCode(400).body(containsString("at most 1600"));

        assertThat(dispatcher.dispatchDue("api-worker")).isEqualTo(1);
        scope.run(mine.tenantId(), () -> {
            FollowUp sent = FollowUp.find("contactId", contact).firstResult();
            assertThat(sent.status).isEqualTo(FollowUpStatus.SENT);
            assertThat(sent.body).isEqualTo("See you at 4");
            assertThat(sent.createdBy).isEqualTo(fixtures.user("api-sender"));
            assertThat(ChatMessage.<ChatMessage>find("contactId", contact).firstResult().sentByUserId)
                    .isEqualTo(sent.createdBy);
        });
        scope.run(theirs.tenantId(), () -> assertThat(FollowUp.count()).isZero());
    }

    @Test
    @TestSecurity(user = "api-opted-out")
    void anOptedOutContactCannotBeTexted() {
        Fixtures.TwilioBusiness mine = fixtures.twilioBusiness("API Opt Out Spa", true);
        fixtures.member(mine.tenantId(), "api-opted-out", "owner");
        given().redirects().follow(false).formParam("tenant", mine.tenantId().toString()).post("/switch");
        UUID contact = fixtures.contact(mine.tenantId(), "+13125550163", "Jo");
        scope.run(mine.tenantId(), () -> Contact.<Contact>findById(contact).optOut(com.callaback.contacts.OptOutSource.CUSTOMER));
        given().contentType("application/json").body(Map.of("contactId", contact.toString(), "body", "Hi"))
                .post("/api/send-followup").then().statusCode(409).body(containsString("opted out"));
        scope.run(mine.tenantId(), () -> assertThat(FollowUp.count()).isZero());
    }

    @Test
    @TestSecurity(user = "api-categoriser")
    void aPersonOverridesTheCategoryOfTheirOwnInteractionOnly() {
        Fixtures.TwilioBusiness mine = fixtures.twilioBusiness("API Category Cafe", true);
        Fixtures.TwilioBusiness theirs = fixtures.twilioBusiness("API Category Rival", true);
        fixtures.member(mine.tenantId(), "api-categoriser", "member");
        given().redirects().follow(false).formParam("tenant", mine.tenantId().toString()).post("/switch");
        UUID contact = fixtures.contact(mine.tenantId(), "+13125550164", "Kim");
        UUID interaction = interaction(mine, contact);
        UUID otherInteraction = interaction(theirs, fixtures.contact(theirs.tenantId(), "+13125550165", "Lou"));
        scope.run(mine.tenantId(), () -> {
            Lead lead = new Lead();
            lead.contactId = contact;
            lead.persist();
        });

        given().contentType("application/json").body(Map.of("category", "callback"))
                .put("/api/interactions/" + interaction + "/category").then().statusCode(200)
                .body("category", equalTo("CALLBACK"));
        given().contentType("application/json").body(Map.of("category", "URGENT"))
                .put("/api/interactions/" + interaction + "/category").then().statusCode(400)
                .body("errors[0].field", equalTo("category"));
        given().contentType("application/json").body(Map.of("category", "APPT"))
                .put("/api/interactions/" + otherInteraction + "/category").then().statusCode(404);

        scope.run(mine.tenantId(), () -> {
            Interaction i = Interaction.findById(interaction);
            assertThat(i.category).isEqualTo("CALLBACK");
            assertThat(i.categoryOverridden).isTrue();
            assertThat(Lead.findOpenFor(contact).orElseThrow().category).isEqualTo(LeadCategory.CALLBACK);
        });
        scope.run(theirs.tenantId(), () -> assertThat(Interaction.<Interaction>findById(otherInteraction).category)
                .isEqualTo("LEAD"));
    }

    private UUID interaction(Fixtures.TwilioBusiness business, UUID contact) {
        return scope.call(business.tenantId(), () -> {
            Interaction i = new Interaction();
            i.contactId = contact;
            i.type = InteractionType.SMS;
            i.direction = Direction.INBOUND;
            i.body = "Could you call me back?";
            i.category = "LEAD";
            i.persist();
            return i.id;
        });
    }
}
