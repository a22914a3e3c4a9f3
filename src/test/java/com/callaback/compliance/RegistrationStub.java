package com.callaback.compliance;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.util.List;
import java.util.Map;

import com.callaback.support.TwilioStub;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

/**
 * Twilio's registration APIs on the local stub the real SDK talks to: every list is empty (nothing created yet),
 * every create answers a new SID, and reviews stay pending until a test decides them.
 */
final class RegistrationStub {

    static final String SID = "[0-9a-fA-F]{32}";
    /** The creating POSTs of a company's A2P registration, and how many each makes. */
    static final Map<String, Integer> COMPANY_CREATES = Map.ofEntries(
            Map.entry("/v1/EndUsers", 3), Map.entry("/2010-04-01/Accounts/AC" + SID + "/Addresses.json", 1),
            Map.entry("/v1/SupportingDocuments", 1), Map.entry("/v1/CustomerProfiles", 1),
            Map.entry("/v1/CustomerProfiles/BU" + SID + "/EntityAssignments", 3),
            Map.entry("/v1/CustomerProfiles/BU" + SID, 1), Map.entry("/v1/TrustProducts", 1),
            Map.entry("/v1/TrustProducts/BU" + SID + "/EntityAssignments", 2),
            Map.entry("/v1/TrustProducts/BU" + SID, 1), Map.entry("/v1/a2p/BrandRegistrations", 1),
            Map.entry("/v1/Services", 1), Map.entry("/v1/Services/MG" + SID + "/PhoneNumbers", 1),
            Map.entry("/v1/Services/MG" + SID + "/Compliance/Usa2p", 1));

    private RegistrationStub() {
    }

    /** The defaults, on top of the text stubs of {@link TwilioStub#resetToDefaults()}. */
    static void install() {
        var server = TwilioStub.server();
        list("/v1/(EndUsers|SupportingDocuments|CustomerProfiles|TrustProducts)", "results");
        list("/v1/(CustomerProfiles|TrustProducts)/BU" + SID + "/EntityAssignments", "results");
        list("/v1/a2p/BrandRegistrations", "data");
        list("/v1/Services", "services");
        list("/v1/Services/MG" + SID + "/PhoneNumbers", "phone_numbers");
        list("/v1/Services/MG" + SID + "/Compliance/Usa2p", "compliance");
        list("/v1/Tollfree/Verifications", "verifications");
        server.stubFor(get(urlPathMatching("/2010-04-01/Accounts/AC" + SID + "/Addresses.json")).atPriority(10)
                .willReturn(json(200, "{\"addresses\": [], \"uri\": \"/x\", \"first_page_uri\": \"/x\", "
                        + "\"next_page_uri\": null, \"previous_page_uri\": null, \"page\": 0, \"page_size\": 50}")));
        create("/v1/EndUsers", "IT", "");
        create("/2010-04-01/Accounts/AC" + SID + "/Addresses.json", "AD", "");
        create("/v1/SupportingDocuments", "RD", "");
        create("/v1/(CustomerProfiles|TrustProducts)", "BU", ", \"status\": \"draft\"");
        create("/v1/(CustomerProfiles|TrustProducts)/BU" + SID + "/EntityAssignments", "BV", "");
        server.stubFor(post(urlPathMatching("/v1/(CustomerProfiles|TrustProducts)/BU" + SID)).atPriority(10)
                .willReturn(json(200, "{\"sid\": \"{{request.pathSegments.[2]}}\", \"status\": \"pending-review\"}")));
        create("/v1/a2p/BrandRegistrations", "BN", ", \"status\": \"PENDING\"");
        create("/v1/Services", "MG", "");
        create("/v1/Services/MG" + SID + "/PhoneNumbers", "PN", "");
        create("/v1/Services/MG" + SID + "/Compliance/Usa2p", "QE", ", \"campaign_status\": \"PENDING\"");
        create("/v1/Tollfree/Verifications", "HH", ", \"status\": \"PENDING_REVIEW\"");
        server.stubFor(delete(urlPathMatching("/v1/Services/MG" + SID + "/Compliance/Usa2p/QE" + SID))
                .atPriority(10).willReturn(aResponse().withStatus(204)));
        brand("PENDING", null);
        campaign("PENDING", null);
        tollFree("PENDING_REVIEW", null);
    }

    /** What the brand's review says from now on. */
    static void brand(String status, String failureReason) {
        TwilioStub.server().stubFor(get(urlPathMatching("/v1/a2p/BrandRegistrations/BN" + SID)).atPriority(5)
                .willReturn(json(200, "{\"sid\": \"{{request.pathSegments.[3]}}\", \"status\": \"" + status + "\", "
                        + "\"failure_reason\": " + quoted(failureReason) + "}")));
    }

    static void campaign(String status, String error) {
        TwilioStub.server().stubFor(get(urlPathMatching("/v1/Services/MG" + SID + "/Compliance/Usa2p/QE" + SID))
                .atPriority(5).willReturn(json(200, "{\"sid\": \"{{request.pathSegments.[5]}}\", "
                        + "\"campaign_status\": \"" + status + "\", \"errors\": " + (error == null ? "[]"
                                : "[{\"code\": 30896, \"description\": " + quoted(error) + "}]") + "}")));
    }

    static void tollFree(String status, String reason) {
        TwilioStub.server().stubFor(get(urlPathMatching("/v1/Tollfree/Verifications/HH" + SID)).atPriority(5)
                .willReturn(json(200, "{\"sid\": \"{{request.pathSegments.[3]}}\", \"status\": \"" + status + "\", "
                        + "\"rejection_reason\": " + quoted(reason) + "}")));
    }

    /** Twilio failing (500) every create on this path until the returned stub is removed. */
    static StubMapping failing(String pathPattern) {
        return TwilioStub.server().stubFor(post(urlPathMatching(pathPattern)).atPriority(1)
                .willReturn(json(500, "{\"code\": 20500, \"message\": \"Internal Server Error\", \"status\": 500}")));
    }

    /** POSTs to this path made with the business's subaccount credentials. */
    static int posts(String pathPattern, String accountSid, String token) {
        return TwilioStub.server().findAll(postRequestedFor(urlPathMatching(pathPattern))
                .withBasicAuth(new BasicCredentials(accountSid, token))).size();
    }

    static List<String> postBodies(String pathPattern, String accountSid, String token) {
        return TwilioStub.server().findAll(postRequestedFor(urlPathMatching(pathPattern))
                .withBasicAuth(new BasicCredentials(accountSid, token))).stream()
                .map(r -> java.net.URLDecoder.decode(r.getBodyAsString(), java.nio.charset.StandardCharsets.UTF_8))
                .toList();
    }

    private static void list(String pathPattern, String key) {
        TwilioStub.server().stubFor(get(urlPathMatching(pathPattern)).atPriority(10).willReturn(json(200,
                "{\"" + key + "\": [], \"meta\": {\"page\": 0, \"page_size\": 50, \"first_page_url\": "
                        + "\"https://x.twilio.com/v1/x\", \"previous_page_url\": null, \"url\": "
                        + "\"https://x.twilio.com/v1/x\", \"next_page_url\": null, \"key\": \"" + key + "\"}}")));
    }

    private static void create(String pathPattern, String prefix, String more) {
        TwilioStub.server().stubFor(post(urlPathMatching(pathPattern)).atPriority(10).willReturn(json(201,
                "{\"sid\": \"" + prefix + "{{randomValue length=32 type='HEXADECIMAL'}}\"" + more + "}")));
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static String quoted(String text) {
        return text == null ? "null" : "\"" + text.replace("\"", "\\\"") + "\"";
    }
}
