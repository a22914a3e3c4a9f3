package com.callaback.provisioning;

import com.callaback.support.AsTenant;

import static com.callaback.followups.FollowUpType.MANUAL_SMS;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.callaback.dashboard.Notification;
import com.callaback.followups.FollowUp;
import com.callaback.identity.BusinessForm;
import com.callaback.identity.BusinessSignup;
import com.callaback.messaging.OutboxDispatcher;
import com.callaback.support.Fixtures;
import com.callaback.support.TwilioStub;
import com.callaback.telephony.PhoneNumber;
import com.callaback.telephony.TwilioAccountCredentials;
import com.callaback.telephony.TwilioAccount;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantScope;
import com.callaback.followups.FollowUpStatus;
import com.callaback.followups.SkipReason;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/** Provisioning against a local stub of Twilio's REST API, with the real SDK: setup, fallback, resume, release, close. */
@QuarkusTest
class ProvisioningTest {

    private static final String MASTER_AUTH = "Basic " + java.util.Base64.getEncoder()
            .encodeToString("AC00000000000000000000000000000000:test-master-token".getBytes());

    @Inject
    BusinessSignup signup;
    @Inject
    ProvisioningWorker worker;
    @Inject
    NumberService numbers;
    @Inject
    ComplianceService compliance;
    @Inject
    OutboxDispatcher dispatcher;
    @Inject
    Fixtures fixtures;
    @Inject
    TenantScope scope;
    @Inject
    TwilioAccountCredentials credentials;

    /** One business being provisioned, with its own subaccount at the stub. */
    record Setup(UUID tenantId, String friendlyName, String sub, String token) {
        String api(String path) {
            return "/2010-04-01/Accounts/" + sub + path;
        }
    }

    @BeforeEach
    void reset() {
        TwilioStub.resetToDefaults();
    }

    @Test
    void aNewBusinessGetsASubaccountAndANumberInItsAreaCodeWiredToThePlatform() {
        Setup s = signUp("Provisioned Plumbing", "312");
        stubSubaccount(s, false);
        stubOwned(s);
        stubSearch(s, "AreaCode", "312", "+13125557001");
        stubBuy(s, ok(200 + 1, number("PN" + "1".repeat(32), "+13125557001")));

        runUntilSettled(s);

        Tenant tenant = tenant(s);
        assertThat(tenant.provisioningStatus).isEqualTo("done");
        assertThat(tenant.provisioningNote).isNull();
        assertThat(tenant.complianceStatus).isEqualTo("registration_required");
        scope.run(s.tenantId(), () -> {
            TwilioAccount account = TwilioAccount.findActive().orElseThrow();
            assertThat(account.subaccountSid).isEqualTo(s.sub());
            assertThat(account.authTokenEncrypted).doesNotContain(s.token());
            assertThat(credentials.decrypted(s.sub(), account.authTokenEncrypted).authToken()).isEqualTo(s.token());
            assertThat(PhoneNumber.listActive()).extracting(n -> n.e164).containsExactly("+13125557001");
        });
        var created = TwilioStub.server().findAll(postRequestedFor(urlEqualTo("/2010-04-01/Accounts.json")));
        assertThat(created).anySatisfy(r -> {
            assertThat(r.getHeader("Authorization")).isEqualTo(MASTER_AUTH);
            assertThat(r.getBodyAsString()).contains("FriendlyName=Provisioned+Plumbing");
        });
        String buy = TwilioStub.server().findAll(postRequestedFor(urlEqualTo(s.api("/IncomingPhoneNumbers.json"))))
                .get(0).getBodyAsString();
        assertThat(java.net.URLDecoder.decode(buy, java.nio.charset.StandardCharsets.UTF_8))
                .contains("PhoneNumber=+13125557001", "VoiceUrl=http://localhost:8080/api/twilio/incoming-call",
                        "SmsUrl=http://localhost:8080/api/twilio/incoming-sms",
                        "StatusCallback=http://localhost:8080/api/twilio/call-status",
                        "VoiceFallbackUrl=http://localhost:8080/api/twilio/fallback/voice",
                        "SmsFallbackUrl=http://localhost:8080/api/twilio/fallback/sms");
    }

    @Test
    void noNumbersInTheAreaCodeFallsBackToANearbyOneAndSaysSo() {
        Setup s = signUp("Fallback Florist", "312");
        stubSubaccount(s, false);
        stubOwned(s);
        stubSearch(s, "AreaCode", "312");
        stubSearch(s, "NearNumber", "+13125550100", "+17735557002");
        stubBuy(s, ok(201, number("PN" + "2".repeat(32), "+17735557002")));

        runUntilSettled(s);

        Tenant tenant = tenant(s);
        assertThat(tenant.provisioningStatus).isEqualTo("done");
        assertThat(tenant.provisioningNote).contains("No numbers were available in area code 312", "nearby");
        scope.run(s.tenantId(), () -> assertThat(PhoneNumber.listActive()).extracting(n -> n.e164)
                .containsExactly("+17735557002"));
        fixtures.member(s.tenantId(), "fallback-owner-" + s.tenantId(), "owner");
    }

    @Test
    void aFailureHalfWayIsShownAndARetryFinishesWithoutASecondSubaccountOrNumber() {
        Setup s = signUp("Halfway Hardware", "312");
        stubSubaccount(s, false);
        stubOwned(s);
        stubSearch(s, "AreaCode", "312", "+13125557003");
        stubBuy(s, twilioError(500, 20500, "Internal Server Error"));

        runUntilSettled(s);
        Tenant failed = tenant(s);
        assertThat(failed.provisioningStatus).isEqualTo("failed");
        assertThat(failed.provisioningStep).isEqualTo("number");
        assertThat(failed.provisioningError).contains("buy +13125557003");
        scope.run(s.tenantId(), () -> assertThat(Notification.count("type", "provisioning")).isOne());

        // The subaccount now exists (and is found by name); the purchase went through at Twilio after all.
        stubSubaccount(s, true);
        stubOwned(s, number("PN" + "3".repeat(32), "+13125557003"));
        numbers.retry(s.tenantId());
        runUntilSettled(s);

        assertThat(tenant(s).provisioningStatus).isEqualTo("done");
        assertThat(TwilioStub.server().findAll(postRequestedFor(urlEqualTo("/2010-04-01/Accounts.json"))
                .withRequestBody(containing(s.tenantId().toString().substring(0, 18))))).hasSize(1);
        assertThat(TwilioStub.server().findAll(postRequestedFor(urlEqualTo(s.api("/IncomingPhoneNumbers.json")))))
                .hasSize(1);
        scope.run(s.tenantId(), () -> {
            assertThat(TwilioAccount.count()).isOne();
            assertThat(PhoneNumber.listActive()).extracting(n -> n.twilioSid).containsExactly("PN" + "3".repeat(32));
        });
    }

    @Test
    @TestSecurity(user = "closing-owner")
    void anOwnerReleasesANumberAndClosesTheBusiness() {
        Setup s = signUp("Closing Cafe", "312");
        fixtures.member(s.tenantId(), "closing-owner", "owner");
        stubSubaccount(s, false);
        stubOwned(s);
        stubSearch(s, "AreaCode", "312", "+13125557004", "+13125557005");
        stubBuy(s, ok(201, number("PN" + "4".repeat(32), "+13125557004")));
        runUntilSettled(s);
        given().redirects().follow(false).formParam("tenant", s.tenantId().toString()).post("/switch");
        given().get("/settings/numbers").then().statusCode(200).body(containsString("+13125557004"));

        // Starter includes one number.
        given().redirects().follow(false).post("/settings/numbers/add").then().statusCode(409)
                .body(containsString("Starter plan includes 1 number"));
        // A paid Pro plan (a trial has one number whatever the plan).
        AsTenant.run(s.tenantId(), () -> {
            Tenant paid = Tenant.findById(s.tenantId());
            paid.plan = "pro";
            paid.billingStatus = "active";
        });
        stubBuy(s, ok(201, number("PN" + "5".repeat(32), "+13125557005")));
        given().redirects().follow(false).post("/settings/numbers/add").then().statusCode(303);
        UUID second = scope.call(s.tenantId(), () -> PhoneNumber.findActiveByE164("+13125557005").orElseThrow().id);

        TwilioStub.server().stubFor(delete(urlPathEqualTo(s.api("/IncomingPhoneNumbers/PN" + "5".repeat(32) + ".json")))
                .willReturn(aResponse().withStatus(204)));
        given().redirects().follow(false).post("/settings/numbers/" + second + "/release").then().statusCode(303);
        scope.run(s.tenantId(), () -> assertThat(PhoneNumber.<PhoneNumber>findById(second).status).isEqualTo("released"));
        given().redirects().follow(false).post("/settings/numbers/" + second + "/release").then().statusCode(404);

        given().redirects().follow(false).formParam("confirmName", "Wrong name").post("/settings/numbers/close")
                .then().statusCode(400);
        TwilioStub.server().stubFor(delete(urlPathEqualTo(s.api("/IncomingPhoneNumbers/PN" + "4".repeat(32) + ".json")))
                .willReturn(aResponse().withStatus(204)));
        TwilioStub.server().stubFor(post(urlEqualTo("/2010-04-01/Accounts/" + s.sub() + ".json"))
                .willReturn(ok(200, account(s.sub(), s.friendlyName(), null, "closed"))));
        given().redirects().follow(false).formParam("confirmName", "Closing Cafe").post("/settings/numbers/close")
                .then().statusCode(303);
        runUntilSettled(s);

        Tenant closed = tenant(s);
        assertThat(closed.status).isEqualTo("closed");
        assertThat(closed.provisioningStatus).isEqualTo("closed");
        assertThat(TwilioStub.server().findAll(deleteRequestedFor(urlPathEqualTo(
                s.api("/IncomingPhoneNumbers/PN" + "4".repeat(32) + ".json"))))).hasSize(1);
        assertThat(TwilioStub.server().findAll(postRequestedFor(urlEqualTo("/2010-04-01/Accounts/" + s.sub() + ".json"))
                .withRequestBody(equalTo("Status=closed")))).hasSize(1);
        scope.run(s.tenantId(), () -> {
            assertThat(PhoneNumber.listActive()).isEmpty();
            assertThat(TwilioAccount.<TwilioAccount>listAll()).extracting(a -> a.status).containsExactly("closed");
        });
        // A closed business is no longer one its owner works in.
        given().redirects().follow(false).get("/").then().statusCode(303);
    }

    @Test
    void textsWaitForUsRegistrationAndGoOutOnceItIsApproved() {
        Setup s = signUp("Registered Roofing", "312");
        stubSubaccount(s, false);
        stubOwned(s);
        stubSearch(s, "AreaCode", "312", "+13125557006");
        stubBuy(s, ok(201, number("PN" + "6".repeat(32), "+13125557006")));
        runUntilSettled(s);
        UUID contact = fixtures.contact(s.tenantId(), "+13125550181", "Max");
        scope.run(s.tenantId(), () -> FollowUp.schedule(contact, null, MANUAL_SMS, "Estimate ready", Instant.now()));
        while (dispatcher.dispatchDue("registration-worker") > 0) {
            // other businesses' texts
        }
        scope.run(s.tenantId(), () -> {
            FollowUp held = FollowUp.find("contactId", contact).firstResult();
            assertThat(held.status).isEqualTo(FollowUpStatus.HELD);
            assertThat(held.skipReason).isEqualTo(SkipReason.COMPLIANCE_REGISTRATION_REQUIRED);
        });

        String brand = "BN" + "a".repeat(32);
        String service = "MG" + "b".repeat(32);
        TwilioStub.server().stubFor(get(urlPathEqualTo("/v1/a2p/BrandRegistrations/" + brand))
                .willReturn(ok(200, "{\"sid\": \"" + brand + "\", \"status\": \"APPROVED\"}")));
        TwilioStub.server().stubFor(get(urlPathEqualTo("/v1/Services/" + service + "/Compliance/Usa2p"))
                .willReturn(ok(200, "{\"compliance\": [{\"sid\": \"QE" + "c".repeat(32) + "\", \"campaign_status\": "
                        + "\"VERIFIED\"}], \"meta\": {\"page\": 0, \"page_size\": 50, \"first_page_url\": "
                        + "\"https://messaging.twilio.com/v1/Services/" + service + "/Compliance/Usa2p?PageSize=50&Page=0\","
                        + " \"previous_page_url\": null, \"url\": \"https://messaging.twilio.com/v1/Services/" + service
                        + "/Compliance/Usa2p?PageSize=50&Page=0\", \"next_page_url\": null, \"key\": \"compliance\"}}")));
        compliance.register(s.tenantId(), brand, service);

        assertThat(tenant(s).complianceStatus).isEqualTo("approved");
        assertThat(dispatcher.dispatchDue("registration-worker")).isEqualTo(1);
        scope.run(s.tenantId(), () -> assertThat(FollowUp.<FollowUp>find("contactId", contact).firstResult().status)
                .isEqualTo(FollowUpStatus.SENT));
    }

    @Test
    @TestSecurity(user = "closing-too-early")
    void aBusinessCannotBeClosedWhileItsSetupIsRunning() {
        Setup s = signUp("Too Early Closing", "312");
        fixtures.member(s.tenantId(), "closing-too-early", "owner");
        AsTenant.run(s.tenantId(), () -> Tenant.<Tenant>findById(s.tenantId()).provisioningStatus = "running");
        given().redirects().follow(false).formParam("tenant", s.tenantId().toString()).post("/switch");
        given().redirects().follow(false).formParam("confirmName", "Too Early Closing").post("/settings/numbers/close")
                .then().statusCode(409).body(containsString("being set up right now"));
        assertThat(tenant(s).status).isEqualTo("active");
    }

    @Test
    @TestSecurity(user = "numbers-intruder")
    void anotherBusinesssNumberCannotBeReleasedOrSeen() {
        Fixtures.TwilioBusiness victim = fixtures.twilioBusiness("Numbers Victim", true);
        UUID mine = fixtures.business("Numbers Intruder");
        fixtures.member(mine, "numbers-intruder", "owner");
        given().redirects().follow(false).formParam("tenant", mine.toString()).post("/switch");

        given().get("/settings/numbers").then().statusCode(200)
                .body(org.hamcrest.Matchers.not(containsString(victim.number())));
        given().redirects().follow(false).post("/settings/numbers/" + victim.numberId() + "/release")
                .then().statusCode(404);
        given().redirects().follow(false).post("/settings/numbers/not-a-uuid/release").then().statusCode(404);
        scope.run(victim.tenantId(), () -> assertThat(PhoneNumber.<PhoneNumber>findById(victim.numberId()).status)
                .isEqualTo("active"));
        assertThat(TwilioStub.server().findAll(deleteRequestedFor(com.github.tomakehurst.wiremock.client.WireMock
                .urlMatching("/2010-04-01/Accounts/" + victim.accountSid() + "/.*")))).isEmpty();
    }

    private Setup signUp(String name, String areaCode) {
        UUID owner = fixtures.user("provisioning-" + UUID.randomUUID());
        Tenant tenant = signup.createOwnedBy(owner, new BusinessForm(name, "America/Chicago", "+13125550100", areaCode,
                false));
        assertThat(tenant.provisioningStatus).isEqualTo("pending");
        return new Setup(tenant.id, ProvisioningService.friendlyName(tenant),
                "AC" + UUID.randomUUID().toString().replace("-", ""), UUID.randomUUID().toString().replace("-", ""));
    }

    private void runUntilSettled(Setup s) {
        for (int round = 0; round < 20; round++) {
            worker.runDue();
            String status = tenant(s).provisioningStatus;
            if (!List.of("pending", "running", "closing").contains(status)) {
                return;
            }
        }
        throw new AssertionError("Provisioning did not settle: " + tenant(s).provisioningStatus);
    }

    private Tenant tenant(Setup s) {
        return AsTenant.call(s.tenantId(), () -> Tenant.findById(s.tenantId()));
    }

    private static void stubSubaccount(Setup s, boolean exists) {
        TwilioStub.server().stubFor(get(urlPathEqualTo("/2010-04-01/Accounts.json"))
                .withQueryParam("FriendlyName", equalTo(s.friendlyName()))
                .willReturn(ok(200, page("accounts", "/2010-04-01/Accounts.json",
                        exists ? account(s.sub(), s.friendlyName(), s.token(), "active") : ""))));
        TwilioStub.server().stubFor(post(urlEqualTo("/2010-04-01/Accounts.json"))
                .withRequestBody(containing(s.tenantId().toString().substring(0, 18)))
                .willReturn(ok(201, account(s.sub(), s.friendlyName(), s.token(), "active"))));
    }

    private static void stubOwned(Setup s, String... numbers) {
        TwilioStub.server().stubFor(get(urlPathEqualTo(s.api("/IncomingPhoneNumbers.json")))
                .willReturn(ok(200, page("incoming_phone_numbers", s.api("/IncomingPhoneNumbers.json"),
                        String.join(",", numbers)))));
    }

    private static void stubSearch(Setup s, String param, String value, String... found) {
        StringBuilder items = new StringBuilder();
        for (String e164 : found) {
            items.append(items.length() == 0 ? "" : ",").append("{\"phone_number\": \"").append(e164)
                    .append("\", \"friendly_name\": \"").append(e164).append("\", \"iso_country\": \"US\"}");
        }
        TwilioStub.server().stubFor(get(urlPathEqualTo(s.api("/AvailablePhoneNumbers/US/Local.json")))
                .withQueryParam(param, equalTo(value))
                .willReturn(ok(200, page("available_phone_numbers", s.api("/AvailablePhoneNumbers/US/Local.json"),
                        items.toString()))));
    }

    private static void stubBuy(Setup s, ResponseDefinitionBuilder response) {
        TwilioStub.server().stubFor(post(urlEqualTo(s.api("/IncomingPhoneNumbers.json"))).willReturn(response));
        TwilioStub.server().stubFor(post(com.github.tomakehurst.wiremock.client.WireMock.urlMatching(
                s.api("/IncomingPhoneNumbers/PN[0-9a-f]{32}.json"))).willReturn(ok(200, "{\"sid\": \"PN" + "9".repeat(32)
                        + "\", \"phone_number\": \"+13125550000\"}")));
    }

    private static ResponseDefinitionBuilder ok(int status, String json) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(json);
    }

    private static ResponseDefinitionBuilder twilioError(int status, int code, String message) {
        return ok(status, "{\"code\": " + code + ", \"message\": \"" + message + "\", \"status\": " + status + "}");
    }

    private static String account(String sid, String name, String token, String status) {
        return "{\"sid\": \"" + sid + "\", \"friendly_name\": \"" + name + "\", \"auth_token\": "
                + (token == null ? "null" : "\"" + token + "\"") + ", \"status\": \"" + status + "\", \"type\": \"Full\"}";
    }

    private static String number(String sid, String e164) {
        return "{\"sid\": \"" + sid + "\", \"phone_number\": \"" + e164 + "\", \"friendly_name\": \"" + e164 + "\"}";
    }

    private static String page(String key, String uri, String items) {
        return "{\"" + key + "\": [" + items + "], \"uri\": \"" + uri + "\", \"first_page_uri\": \"" + uri
                + "\", \"next_page_uri\": null, \"previous_page_uri\": null, \"page\": 0, \"page_size\": 50, "
                + "\"start\": 0, \"end\": 0}";
    }
}
