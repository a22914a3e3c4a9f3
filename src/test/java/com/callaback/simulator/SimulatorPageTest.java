package com.callaback.simulator;

import com.callaback.support.AsTenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.callaback.contacts.Contact;
import com.callaback.messaging.ChatMessage;
import com.callaback.support.OnSimulator;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantScope;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;

/**
 * The simulator as a person uses it: failing forms come back with their input and one message beside the field,
 * the phone shows and sends texts, a call the business's hours send to voicemail says so, and another business's
 * numbers and phones stay out of reach.
 */
@QuarkusTest
@TestProfile(OnSimulator.class)
class SimulatorPageTest {

    @Inject
    SimulatedBusiness business;
    @Inject
    TenantScope scope;
    @Inject
    com.callaback.support.Fixtures fixtures;

    @Test
    @TestSecurity(user = "simpage-forms")
    void aFailingFormComesBackWithItsInputAndOneMessageBesideTheField() {
        UUID tenantId = business.provision("Simulated Forms", "simpage-forms");
        UUID numberId = business.numberOf(tenantId);

        String call = given().formParam("numberId", numberId.toString()).formParam("caller", "555-01")
                .formParam("outcome", "busy").post("/simulator/calls").then().statusCode(400).extract().asString();
        String callForm = section(call, "call");
        assertThat(callForm).contains("value=\"555-01\"", "<option value=\"busy\" selected>")
                .contains("<small class=\"field-error\" role=\"alert\">Enter the caller&#39;s phone number");
        assertThat(count(call, "Enter the caller&#39;s phone number")).isEqualTo(1);

        String longText = "x".repeat(TextForm.MAX_BODY + 1);
        String text = given().formParam("numberId", numberId.toString()).formParam("caller", "+13125550160")
                .formParam("body", longText).post("/simulator/texts").then().statusCode(400).extract().asString();
        assertThat(section(text, "text")).contains(longText + "</textarea>", "value=\"+13125550160\"",
                "A text can be at most 1,600 characters; this one has 1,601.");
        assertThat(count(text, "at most 1,600 characters")).isEqualTo(1);

        String noNumber = given().formParam("numberId", "").formParam("caller", "+13125550160")
                .formParam("body", "hello").post("/simulator/texts").then().statusCode(400).extract().asString();
        assertThat(section(noNumber, "text")).contains("Choose one of this business&#39;s numbers.",
                ">hello</textarea>");
        assertThat(count(noNumber, "Choose one of this business")).isEqualTo(1);

        String reply = given().formParam("numberId", numberId.toString()).formParam("body", " ")
                .post("/simulator/phones/+13125550160/texts").then().statusCode(400).extract().asString();
        assertThat(section(reply, "reply")).contains("Write the text to send.");
        scope.run(tenantId, () -> assertThat(Contact.count()).isZero());
    }

    @Test
    @TestSecurity(user = "simpage-phone")
    void thePhoneListsTheTextsAndItsReplyBoxTextsTheBusiness() {
        UUID tenantId = business.provision("Simulated Phone", "simpage-phone");
        UUID numberId = business.numberOf(tenantId);
        given().formParam("numberId", numberId.toString()).formParam("caller", "+13125550161")
                .formParam("outcome", "no-answer").post("/simulator/calls").then().statusCode(200);
        business.drainOutbox();

        String fragment = SimulatedBusiness.await("/simulator/phones/+13125550161/messages", "delivered");
        assertThat(fragment).doesNotContain("<html", "<form").contains("Business · delivered",
                "Sorry we missed your call! This is Simulated Phone.");
        String page = given().get("/simulator/phones/+13125550161").then().statusCode(200).extract().asString();
        assertThat(page).contains("hx-get=\"/simulator/phones/+13125550161/messages\"", "hx-trigger=\"every 2s\"")
                .contains("<option value=\"" + numberId + "\" selected>");

        given().redirects().follow(false).formParam("numberId", numberId.toString())
                .formParam("body", "Yes please, call me after 5").post("/simulator/phones/+13125550161/texts")
                .then().statusCode(303).header("Location", endsWith("/simulator/phones/%2B13125550161"));

        scope.run(tenantId, () -> {
            Contact contact = Contact.findByPhone("+13125550161").orElseThrow();
            ChatMessage inbound = ChatMessage.<ChatMessage>find("contactId = ?1 and direction = 'inbound'", contact.id)
                    .firstResult();
            assertThat(inbound.body).isEqualTo("Yes please, call me after 5");
        });
        String after = given().get("/simulator/phones/+13125550161/messages").then().statusCode(200).extract()
                .asString();
        assertThat(after).contains("You · sent", "Yes please, call me after 5")
                .containsSubsequence("Business · delivered", "You · sent");
    }

    @Test
    @TestSecurity(user = "simpage-hours")
    void aCallOutsideBusinessHoursSaysWhyItWentToVoicemail() {
        UUID tenantId = business.provision("Simulated Hours", "simpage-hours");
        UUID numberId = business.numberOf(tenantId);
        AsTenant.run(tenantId, () -> Tenant.<Tenant>findById(tenantId).businessHours = "{}");

        String page = given().formParam("numberId", numberId.toString()).formParam("caller", "+13125550162")
                .formParam("outcome", "no-answer").post("/simulator/calls").then().statusCode(200).extract().asString();
        assertThat(page).containsPattern("data-override>Outside business hours \\((Mon|Tue|Wed|Thu|Fri|Sat|Sun) closed "
                + "America/Chicago, it is \\d{1,2}:\\d\\d there\\): the call went to voicemail instead of "
                + "“Nobody picks up”\\.</p>");
        assertThat(page).contains("data-step=\"/api/twilio/incoming-call\"").doesNotContain("/api/twilio/dial-status");

        AsTenant.run(tenantId, () -> {
            Tenant tenant = Tenant.findById(tenantId);
            tenant.businessHours = SimulatedBusiness.OPEN_ALL_WEEK;
            tenant.forwardingPhone = null;
        });
        assertThat(given().formParam("numberId", numberId.toString()).formParam("caller", "+13125550162")
                .formParam("outcome", "voicemail").post("/simulator/calls").then().statusCode(200).extract().asString())
                .contains("No forwarding phone is set, so there is no one to ring: "
                        + "the call went straight to voicemail");

        AsTenant.run(tenantId, () -> Tenant.<Tenant>findById(tenantId).forwardingPhone = "+13125550100");
        assertThat(given().formParam("numberId", numberId.toString()).formParam("caller", "+13125550162")
                .formParam("outcome", "no-answer").post("/simulator/calls").then().statusCode(200).extract().asString())
                .contains("/api/twilio/dial-status").doesNotContain("data-override");
    }

    @Test
    @TestSecurity(user = "simpage-member")
    void theSimulatorIsAnAdminsToolAndDrivesOnlySimulatedNumbers() {
        UUID tenantId = business.provision("Simulated Roles", "simpage-admin");
        fixtures.member(tenantId, "simpage-member", "member");
        given().redirects().follow(false).formParam("tenant", tenantId.toString()).post("/switch").then().statusCode(303);
        given().accept("text/html").get("/simulator").then().statusCode(403);
        given().formParam("numberId", business.numberOf(tenantId).toString()).formParam("caller", "+13125550164")
                .formParam("outcome", "no-answer").post("/simulator/calls").then().statusCode(403);
        scope.run(tenantId, () -> assertThat(com.callaback.contacts.Contact.findByPhone("+13125550164")).isEmpty());
    }

    @Test
    @TestSecurity(user = "simpage-real-number")
    void aNumberBoughtFromRealTwilioIsOutOfTheSimulatorsReach() {
        UUID tenantId = business.provision("Simulated Next To Real", "simpage-real-number");
        UUID real = scope.call(tenantId, () -> {
            com.callaback.telephony.PhoneNumber number = new com.callaback.telephony.PhoneNumber();
            number.e164 = "+14155550199";
            number.simulated = false;
            number.persist();
            return number.id;
        });
        given().get("/simulator").then().statusCode(200).body(not(containsString("+14155550199")));
        given().formParam("numberId", real.toString()).formParam("caller", "+13125550165")
                .formParam("outcome", "no-answer").post("/simulator/calls").then().statusCode(404);
        scope.run(tenantId, () -> assertThat(com.callaback.contacts.Contact.findByPhone("+13125550165")).isEmpty());
    }

    @Test
    @TestSecurity(user = "simpage-no-business")
    void someoneWithoutABusinessIsSentToSetOneUp() {
        fixtures.user("simpage-no-business");
        given().redirects().follow(false).accept("text/html").get("/simulator").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/onboarding"));
    }

    @Test
    @TestSecurity(user = "simpage-voicemail")
    void aSimulatedVoicemailPlaysInTheConversation() {
        UUID tenantId = business.provision("Simulated Voicemail", "simpage-voicemail");
        UUID numberId = business.numberOf(tenantId);
        given().formParam("numberId", numberId.toString()).formParam("caller", "+13125550163")
                .formParam("outcome", "voicemail").post("/simulator/calls").then().statusCode(200);
        UUID contact = scope.call(tenantId,
                () -> com.callaback.contacts.Contact.findByPhone("+13125550163").orElseThrow().id);

        String thread = given().get("/conversations/" + contact).then().statusCode(200).extract().asString();
        java.util.regex.Matcher audio = java.util.regex.Pattern
                .compile("<audio controls preload=\"none\" src=\"(/simulator/twilio/recordings/CA[0-9a-f]{32})\"")
                .matcher(thread);
        assertThat(audio.find()).as("the voicemail has a player").isTrue();
        byte[] wav = given().get(audio.group(1)).then().statusCode(200).contentType("audio/wav").extract().asByteArray();
        assertThat(new String(wav, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(wav.length).isGreaterThan(30_000);
        given().get("/simulator/twilio/recordings/not-a-call").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "simpage-intruder")
    void anotherBusinesssNumberAndPhoneAreOutOfReach() {
        UUID victim = business.provision("Simulated Victim Two", "simpage-victim");
        UUID victimNumber = business.numberOf(victim);
        scope.run(victim, () -> {
            SimulatorMessage secret = new SimulatorMessage();
            secret.messageSid = "SM" + UUID.randomUUID().toString().replace("-", "");
            secret.direction = SimulatorMessage.FROM_CALLER;
            secret.callerPhone = "+13125550163";
            secret.businessPhone = "+13125550199";
            secret.body = "a secret";
            secret.status = "sent";
            secret.persist();
        });
        business.provision("Simulated Intruder Two", "simpage-intruder");

        given().formParam("numberId", victimNumber.toString()).formParam("body", "hi")
                .post("/simulator/phones/+13125550163/texts").then().statusCode(404);
        given().formParam("numberId", victimNumber.toString()).formParam("caller", "+13125550163")
                .formParam("outcome", "voicemail").post("/simulator/calls").then().statusCode(404);
        assertThat(given().get("/simulator/phones/+13125550163/messages").then().statusCode(200).extract().asString())
                .doesNotContain("a secret").contains("data-no-messages");
        assertThat(given().get("/simulator/phones/+13125550163").then().statusCode(200).extract().asString())
                .doesNotContain("a secret", victimNumber.toString());
        given().get("/simulator/phones/not-a-phone").then().statusCode(404);
        scope.run(victim, () -> assertThat(ChatMessage.count("body", "hi")).isZero());
    }

    /** The part of the page holding one form (data-form="call", "text", "reply"). */
    private static String section(String page, String form) {
        int start = page.indexOf("data-form=\"" + form + "\"");
        assertThat(start).as("form " + form + " on the page").isNotNegative();
        return page.substring(start, page.indexOf("</section>", start));
    }

    private static int count(String page, String text) {
        return page.split(Pattern.quote(text), -1).length - 1;
    }
}
