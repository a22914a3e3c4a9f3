package com.callaback.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.callaback.api.ApiKeyFixtures;
import com.callaback.contacts.Contact;
import com.callaback.support.Fixtures;
import com.callaback.support.TwilioCalls;
import com.callaback.support.TwilioWebhooks;
import com.callaback.tenant.TenantScope;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;

/**
 * Requests an attacker would send: oversized bodies and parameters, wrong content types, unicode and control
 * characters, a genuine signature replayed against another URL, repeated parameters. Each gets a clear 4xx that
 * says what is wrong, never a 500, and writes nothing.
 */
@QuarkusTest
class HostileRequestsTest {

    @Inject
    Fixtures fixtures;
    @Inject
    TenantScope scope;
    @Inject
    ApiKeyFixtures apiKeys;

    @Test
    void oversizedWebhooksAreRefusedBeforeAnythingIsRead() {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Hostile Bodies Dental", true);
        String from = Fixtures.randomPhone();
        Map<String, String> sms = TwilioCalls.incomingSms(shop, TwilioCalls.messageSid(), from, "x".repeat(70_000));
        new TwilioWebhooks().post("/api/twilio/incoming-sms", shop.authToken(), sms).then().statusCode(413)
                .body(containsString("64 KB"));

        // Within the body limit, but a text longer than Twilio ever sends, correctly signed: 400 naming the field.
        Map<String, String> longText = TwilioCalls.incomingSms(shop, TwilioCalls.messageSid(), from, "y".repeat(1601));
        new TwilioWebhooks().post("/api/twilio/incoming-sms", shop.authToken(), longText).then().statusCode(400)
                .body(containsString("Body"), containsString("1600"));
        Map<String, String> longMedia = TwilioCalls.incomingSms(shop, TwilioCalls.messageSid(), from, "photo");
        longMedia.put("NumMedia", "1");
        longMedia.put("MediaUrl0", "https://api.twilio.com/" + "m".repeat(3000));
        new TwilioWebhooks().post("/api/twilio/incoming-sms", shop.authToken(), longMedia).then().statusCode(400)
                .body(containsString("MediaUrl0"));
        assertThat(contactsOf(shop)).isZero();
    }

    @Test
    void aSignatureReplayedAgainstAnotherUrlOrWithRepeatedParametersIsRefused() {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Hostile Replay Dental", true);
        Map<String, String> sms = TwilioCalls.incomingSms(shop, TwilioCalls.messageSid(), Fixtures.randomPhone(), "hi");
        String signedForSms = TwilioWebhooks.signature(shop.authToken(),
                TwilioWebhooks.PUBLIC_BASE_URL + "/api/twilio/incoming-sms", sms);
        TwilioWebhooks.postUnrecorded("/api/twilio/incoming-call", signedForSms, sms).then().statusCode(403);
        TwilioWebhooks.postUnrecorded("/api/twilio/incoming-sms?extra=1", signedForSms, sms).then().statusCode(403);

        // The same parameter twice: Twilio never does this, and the two readings of it could differ.
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .header("X-Twilio-Signature", signedForSms)
                .body(form(sms) + "&Body=STOP").post("/api/twilio/incoming-sms")
                .then().statusCode(400).body(containsString("Body"), containsString("repeated"));
        assertThat(contactsOf(shop)).isZero();
        // The genuine request still passes.
        TwilioWebhooks.postUnrecorded("/api/twilio/incoming-sms", signedForSms, sms).then().statusCode(200);
        assertThat(contactsOf(shop)).isEqualTo(1);
    }

    @Test
    void wrongContentTypesAndBrokenBodiesGetA4xx() {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Hostile Types Dental", true);
        assertClient(given().contentType("application/json").body("{\"To\":\"" + shop.number() + "\"}")
                .post("/api/twilio/incoming-call"));
        assertClient(given().contentType("text/plain").body("To=" + shop.number()).post("/api/twilio/incoming-sms"));
        assertClient(given().contentType("application/x-www-form-urlencoded").body("%%%=%zz&To")
                .post("/api/twilio/incoming-sms"));

        UUID tenant = fixtures.business("Hostile API Salon");
        String key = apiKeys.key(tenant, true);
        assertClient(ApiKeyFixtures.as(key).body("{\"phone\": ").post("/api/contacts"));
        assertClient(ApiKeyFixtures.as(key).contentType("application/xml").body("<contact/>").post("/api/contacts"));
        assertClient(ApiKeyFixtures.as(key).body("[1,2,3]").post("/api/contacts"));
        // Over the platform's 1 MB body limit.
        assertThat(ApiKeyFixtures.as(key).body("{\"notes\":\"" + "n".repeat(1_100_000) + "\"}").post("/api/contacts")
                .statusCode()).isEqualTo(413);
        assertClient(ApiKeyFixtures.as(key).body("{\"phone\":\"+13125550199\",\"notes\":\"" + "n".repeat(6000) + "\"}")
                .post("/api/contacts"));
        ApiKeyFixtures.as(key).get("/api/contacts/not-a-uuid").then().statusCode(404);
    }

    @Test
    void unicodeAndControlCharactersAreStoredSafelyOrRefused() {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Hostile Unicode Dental", true);
        String from = Fixtures.randomPhone();
        String text = "Ça va? 🦷 \u202Eevil\u202C <script>alert(1)</script> \u0007 العربية";
        new TwilioWebhooks().post("/api/twilio/incoming-sms", shop.authToken(),
                TwilioCalls.incomingSms(shop, TwilioCalls.messageSid(), from, text)).then().statusCode(200);
        new TwilioWebhooks().post("/api/twilio/incoming-sms", shop.authToken(),
                TwilioCalls.incomingSms(shop, TwilioCalls.messageSid(), from, "nul \u0000 byte")).then().statusCode(400)
                .body(containsString("NUL"));
        // A number that is not one.
        Map<String, String> badFrom = TwilioCalls.incomingSms(shop, TwilioCalls.messageSid(), "+1\u0000555", "hi");
        assertClient(new TwilioWebhooks().post("/api/twilio/incoming-sms", shop.authToken(), badFrom));
        assertThat(contactsOf(shop)).isEqualTo(1);
    }

    @Test
    @TestSecurity(user = "hostile-forms")
    void oversizedFormFieldsAndParametersSayWhichFieldAndTheLimit() {
        UUID tenant = fixtures.business("Hostile Forms Salon");
        fixtures.member(tenant, "hostile-forms", "admin");
        given().redirects().follow(false).formParam("tenant", tenant.toString()).post("/switch").then().statusCode(303);
        UUID contact = fixtures.contact(tenant, Fixtures.randomPhone(), "Dana");

        // Just over the form's own limit: its own message, beside the field.
        page().formParam("notes", "n".repeat(5001)).post("/contacts/" + contact).then().statusCode(400)
                .body(containsString("Use at most 5,000 characters."));
        // Over any form's limit: the backstop names the field and the limit.
        page().formParam("notes", "n".repeat(20_000)).post("/contacts/" + contact).then().statusCode(400)
                .body(containsString("notes"), containsString("may be at most 10000 characters"));
        // Over the size a form field may have at all.
        page().formParam("notes", "n".repeat(70_000)).post("/contacts/" + contact).then().statusCode(413);
        // A long search is cut to its first 100 characters; past the request line's limit it is a 414.
        page().queryParam("q", "q".repeat(1000)).get("/contacts").then().statusCode(200);
        page().queryParam("q", "q".repeat(5000)).get("/contacts").then().statusCode(414);
        page().formParam("name", "Da\u0000na").post("/contacts/" + contact).then().statusCode(400);
        page().get("/contacts/not-a-uuid").then().statusCode(404);
        assertThat(scope.call(tenant, () -> Contact.<Contact>findById(contact).notes)).isNull();
    }

    private static io.restassured.specification.RequestSpecification page() {
        return given().redirects().follow(false).header("Accept", "text/html");
    }

    private long contactsOf(Fixtures.TwilioBusiness shop) {
        return scope.call(shop.tenantId(), () -> Contact.count());
    }

    private static void assertClient(Response response) {
        assertThat(response.statusCode()).as(response.asString()).isBetween(400, 499);
    }

    private static String form(Map<String, String> params) {
        StringBuilder body = new StringBuilder();
        new LinkedHashMap<>(params).forEach((k, v) -> body.append(body.isEmpty() ? "" : "&")
                .append(java.net.URLEncoder.encode(k, java.nio.charset.StandardCharsets.UTF_8)).append('=')
                .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)));
        return body.toString();
    }
}
