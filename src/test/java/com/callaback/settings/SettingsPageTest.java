package com.callaback.settings;

import com.callaback.support.AsTenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.callaback.followups.FollowUp;
import com.callaback.identity.AuditEntry;
import com.callaback.support.Fixtures;
import com.callaback.support.TwilioCalls;
import com.callaback.support.TwilioWebhooks;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantScope;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.specification.RequestSpecification;

/** The settings page: every field checked with its message beside it, saved values used by the very next call. */
@QuarkusTest
class SettingsPageTest {

    private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    @Inject
    Fixtures fixtures;
    @Inject
    TenantScope scope;

    @Test
    @TestSecurity(user = "settings-admin")
    void anAdminSeesTheSettingsWithAPreviewAndSavesThem() {
        UUID tenant = fixtures.business("Settings Bakery");
        fixtures.member(tenant, "settings-admin", "admin");
        switchTo(tenant);

        given().get("/settings").then().statusCode(200)
                .body(containsString("Sorry we missed your call! This is {business_name}. How can we help?"),
                        containsString("data-preview-text>Sorry we missed your call! This is Settings Bakery."),
                        containsString("1 segment"), containsString("Merge fields: {business_name}, {first_name}"),
                        containsString("href=\"/settings/team\""),
                        containsString("href=\"/settings/numbers\""),
                        containsString("href=\"/notifications/preferences\""),
                        not(containsString("href=\"/settings/audit\"")),
                        containsString("<option value=\"America/New_York\" selected"),
                        containsString("data-day=\"sat\""));

        Map<String, Object> form = validForm();
        form.put("forwardingPhone", "(312) 555-0199");
        form.put("voicemailGreeting", "You reached the bakery. Leave a message!");
        form.put("timezone", "America/Chicago");
        form.put("open", List.of("mon", "sat"));
        form.put("from", List.of("07:00", "", "", "", "", "8:30", ""));
        form.put("to", List.of("15:00", "", "", "", "", "12:00", ""));
        post(form).then().statusCode(303).header("Location", endsWith("/settings?saved=true"));

        given().get("/settings?saved=true").then().statusCode(200)
                .body(containsString("data-saved"), containsString("value=\"+13125550199\""),
                        containsString("<option value=\"America/Chicago\" selected"));
        Tenant saved = tenant(tenant);
        assertThat(saved.forwardingPhone).isEqualTo("+13125550199");
        assertThat(saved.voicemailGreeting).isEqualTo("You reached the bakery. Leave a message!");
        assertThat(saved.businessHours).contains("\"mon\"", "07:00", "\"sat\"", "08:30").doesNotContain("\"tue\"");
        assertThat(saved.quietHoursStart).isEqualTo(LocalTime.of(21, 0));
        scope.run(tenant, () -> {
            AuditEntry entry = AuditEntry.find("action", "settings.updated").firstResult();
            assertThat(entry.details.get("fields")).asList().containsExactlyInAnyOrder("business_hours",
                    "forwarding_phone", "voicemail_greeting", "timezone");
            assertThat(entry.details.toString()).doesNotContain("5550199");
        });
    }

    @Test
    @TestSecurity(user = "settings-validator")
    void everyWrongFieldIsExplainedBesideItAndTheInputKept() {
        UUID tenant = fixtures.business("Settings Validation Cafe");
        fixtures.member(tenant, "settings-validator", "owner");
        switchTo(tenant);
        Map<String, Object> form = validForm();
        form.put("forwardingPhone", "12");
        form.put("autoReplyDelaySeconds", "-5");
        form.put("quietHoursStart", "25:00");
        form.put("cooldownHours", "lots");
        form.put("timezone", "Mars/Olympus");
        form.put("helpText", "");
        form.put("autoReplyText", "Hi {nickname}! " + "x".repeat(480));
        form.put("open", List.of("tue"));
        form.put("from", List.of("09:00", "17:00", "09:00", "09:00", "09:00", "09:00", "09:00"));
        form.put("to", List.of("17:00", "09:00", "17:00", "17:00", "17:00", "17:00", "17:00"));

        post(form).then().statusCode(400)
                .body(containsString("Enter a phone number we can call"), containsString("value=\"12\""),
                        containsString("Enter a delay from 0 to 3600 seconds."), containsString("value=\"-5\""),
                        containsString("Enter a time as HH:MM on a 24-hour clock"), containsString("value=\"25:00\""),
                        containsString("Enter a cooldown from 0 to 720 hours"), containsString("value=\"lots\""),
                        containsString("Choose a time zone from the list."),
                        containsString("Write the reply to a text saying HELP."),
                        containsString("Keep this to 480 characters or fewer (it has 495)."),
                        containsString("Tuesday: the closing time must be after the opening time."),
                        containsString("Hi {nickname}! xxx"), containsString("data-form-errors"));
        form = validForm();
        form.put("autoReplyText", "Hi {nickname}, thanks for calling!");
        post(form).then().statusCode(400).body(containsString("Unknown merge field {nickname}. Use {business_name}"),
                containsString("Hi {nickname}, thanks for calling!"));
        Tenant unchanged = tenant(tenant);
        assertThat(unchanged.forwardingPhone).isNull();
        assertThat(unchanged.autoReplyDelaySeconds).isEqualTo(30);
        assertThat(unchanged.timezone).isEqualTo("America/New_York");
        scope.run(tenant, () -> assertThat(AuditEntry.count()).isZero());
    }

    @Test
    @TestSecurity(user = "settings-previewer")
    void thePreviewFillsTheMergeFieldsAndCountsSegments() {
        UUID tenant = fixtures.business("Preview Plumbing");
        fixtures.member(tenant, "settings-previewer", "admin");
        switchTo(tenant);
        given().formParam("autoReplyText", "Hi {first_name}, this is {business_name}.").post("/settings/preview")
                .then().statusCode(200).body(containsString("Hi Sam, this is Preview Plumbing."),
                        containsString("33 characters · 1 segment"), not(containsString("<html")));
        given().formParam("autoReplyText", "y".repeat(161)).post("/settings/preview")
                .then().statusCode(200).body(containsString("161 characters · 2 segments"));
        given().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("autoReplyText", "Thanks 🙂 " + "z".repeat(70)).post("/settings/preview")
                .then().statusCode(200).body(containsString("2 segments"), containsString("fewer"));
    }

    @Test
    @TestSecurity(user = "settings-member")
    void aMemberGetsAClearForbiddenPage() {
        UUID tenant = fixtures.business("Member Settings Shop");
        fixtures.member(tenant, "settings-member", "member");
        switchTo(tenant);
        given().accept("text/html").get("/settings").then().statusCode(403)
                .body(containsString("This needs the admin role in this business"));
        post(validForm()).then().statusCode(403);
        given().formParam("autoReplyText", "x").post("/settings/preview").then().statusCode(403);
        given().get("/settings/audit").then().statusCode(403);
        assertThat(tenant(tenant).autoReplyDelaySeconds).isEqualTo(30);
    }

    @Test
    @TestSecurity(user = "settings-next-call")
    void savedSettingsTakeEffectOnTheNextCall() {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Next Call Garage", true);
        fixtures.member(shop.tenantId(), "settings-next-call", "owner");
        switchTo(shop.tenantId());
        TwilioWebhooks twilio = new TwilioWebhooks();

        Map<String, Object> form = validForm();
        form.put("autoReplyText", "New words from {business_name}: we call you back within the hour.");
        form.put("autoReplyDelaySeconds", "120");
        form.put("forwardingPhone", "+13125550100");
        form.put("quietHoursStart", "00:00");
        form.put("quietHoursEnd", "00:00");
        form.put("open", DAYS);
        form.put("from", List.of("00:00", "00:00", "00:00", "00:00", "00:00", "00:00", "00:00"));
        form.put("to", List.of("24:00", "24:00", "24:00", "24:00", "24:00", "24:00", "24:00"));
        post(form).then().statusCode(303);

        String firstCall = TwilioCalls.callSid();
        twilio.post("/api/twilio/incoming-call", shop.authToken(), TwilioCalls.incomingCall(shop, firstCall,
                "+13125550177")).then().statusCode(200).body(containsString("<Dial"));
        twilio.post("/api/twilio/dial-status", shop.authToken(),
                TwilioCalls.dialStatus(shop, firstCall, "+13125550177", "no-answer")).then().statusCode(200);
        Instant missedAt = Instant.now();
        scope.run(shop.tenantId(), () -> {
            FollowUp text = FollowUp.find("type", com.callaback.followups.FollowUpType.AUTO_SMS).firstResult();
            assertThat(text.body).isEqualTo("New words from {business_name}: we call you back within the hour.");
            assertThat(text.scheduledAt).isCloseTo(missedAt.plusSeconds(120), within(10, ChronoUnit.SECONDS));
        });

        form.put("open", List.of());
        form.put("voicemailGreeting", "The garage is closed. Tell us what your car needs after the tone.");
        post(form).then().statusCode(303);
        String secondCall = TwilioCalls.callSid();
        twilio.post("/api/twilio/incoming-call", shop.authToken(), TwilioCalls.incomingCall(shop, secondCall,
                "+13125550178")).then().statusCode(200)
                .body(not(containsString("<Dial")), containsString("<Record"),
                        containsString("The garage is closed. Tell us what your car needs after the tone."),
                        not(containsString("Thanks for calling")));
    }

    @Test
    @TestSecurity(user = "settings-audit-owner")
    void theOwnerReadsTheAuditLogNewestFirstInPages() {
        UUID tenant = fixtures.business("Audited Florist");
        fixtures.member(tenant, "settings-audit-owner", "owner");
        fixtures.member(tenant, "settings-audit-admin", "admin");
        switchTo(tenant);
        scope.run(tenant, () -> {
            for (int i = 0; i < 26; i++) {
                AuditEntry.record(null, "invitation.revoked", "invitation", UUID.randomUUID());
            }
        });
        Map<String, Object> form = validForm();
        form.put("cooldownHours", "48");
        post(form).then().statusCode(303);
        given().redirects().follow(false).formParam("email", "florist-helper@example.com").formParam("role", "member")
                .post("/settings/team/invitations").then().statusCode(303);

        String page = given().get("/settings/audit").then().statusCode(200)
                .body(containsString("settings-audit-owner@example.com"),
                        containsString("Changed settings: cooldown hours"),
                        containsString("Invited someone as member"), containsString("florist-helper@example.com"),
                        containsString("Times in America/New_York"), containsString("rel=\"next\""))
                .extract().asString();
        assertThat(page.indexOf("Invited someone")).isLessThan(page.indexOf("Changed settings"));
        assertThat(page).containsPattern("[A-Z][a-z]{2} \\d{1,2}, \\d{1,2}:\\d{2} [AP]M E[SD]T")
                .doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}T");
        given().get("/settings/audit?page=2").then().statusCode(200)
                .body(containsString("data-audit-line"), containsString("rel=\"prev\""));
        given().get("/settings").then().body(containsString("href=\"/settings/audit\""));
    }

    @Test
    @TestSecurity(user = "settings-audit-admin2")
    void anAdminCannotReadTheAuditLog() {
        UUID tenant = fixtures.business("Audit Hidden Florist");
        fixtures.member(tenant, "settings-audit-admin2", "admin");
        switchTo(tenant);
        given().accept("text/html").get("/settings/audit").then().statusCode(403)
                .body(containsString("This needs the owner role"));
    }

    /** Every field as the page submits it, valid. */
    private static Map<String, Object> validForm() {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("autoReplyEnabled", "on");
        form.put("autoReplyText", "Sorry we missed your call! This is {business_name}. How can we help?");
        form.put("autoReplyDelaySeconds", "30");
        form.put("helpText", "{business_name}: reply STOP to opt out. For help call us back.");
        form.put("open", List.of("mon", "tue", "wed", "thu", "fri"));
        form.put("from", List.of("09:00", "09:00", "09:00", "09:00", "09:00", "09:00", "09:00"));
        form.put("to", List.of("17:00", "17:00", "17:00", "17:00", "17:00", "17:00", "17:00"));
        form.put("timezone", "America/New_York");
        form.put("quietHoursStart", "21:00");
        form.put("quietHoursEnd", "08:00");
        form.put("cooldownHours", "24");
        form.put("forwardingPhone", "");
        form.put("voicemailGreeting", "");
        return form;
    }

    private static io.restassured.response.Response post(Map<String, Object> form) {
        RequestSpecification spec = given().redirects().follow(false);
        for (Map.Entry<String, Object> field : form.entrySet()) {
            if (field.getValue() instanceof List<?> values) {
                if (!values.isEmpty()) {
                    spec = spec.formParam(field.getKey(), values.toArray());
                }
            } else {
                spec = spec.formParam(field.getKey(), field.getValue());
            }
        }
        return spec.post("/settings");
    }

    private static Tenant tenant(UUID id) {
        return AsTenant.call(id, () -> Tenant.<Tenant>findById(id));
    }

    private static void switchTo(UUID tenant) {
        given().redirects().follow(false).formParam("tenant", tenant.toString()).post("/switch").then().statusCode(303);
    }
}
