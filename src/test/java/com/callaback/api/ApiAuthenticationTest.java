package com.callaback.api;

import static com.callaback.api.ApiKeyFixtures.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.callaback.followups.FollowUp;
import com.callaback.identity.ApiKey;
import com.callaback.support.Fixtures;
import com.callaback.tenant.TenantScope;

import io.quarkus.test.junit.QuarkusTest;

/** Who may call the JSON API: API keys of a business (scoped, revocable, rate-limited); nobody else, never a redirect. */
@QuarkusTest
class ApiAuthenticationTest {

    @Inject
    Fixtures fixtures;
    @Inject
    ApiKeyFixtures apiKeys;
    @Inject
    TenantScope scope;
    @Inject
    jakarta.persistence.EntityManager em;

    @Test
    void anApiRequestWithoutCredentialsIsA401ProblemNotARedirect() {
        for (String path : new String[] { "/api/contacts", "/api/send-followup", "/api/nothing-here" }) {
            given().redirects().follow(false).get(path).then().statusCode(401)
                    .contentType("application/problem+json").header("WWW-Authenticate", containsString("Bearer"))
                    .body("status", equalTo(401), "detail", containsString("Authorization: Bearer"));
        }
        given().redirects().follow(false).contentType("application/json").body("{}").post("/api/send-followup")
                .then().statusCode(401).contentType("application/problem+json");
        // Pages still send a browser to sign in.
        given().redirects().follow(false).get("/contacts").then().statusCode(302);
    }

    @Test
    void anOidcAccessTokenOfAMemberIsAcceptedInTheirBusiness() {
        UUID business = fixtures.business("API OIDC Joinery");
        fixtures.member(business, "api-oidc-member", "member");
        UUID contact = fixtures.contact(business, Fixtures.randomPhone(), "Olu");
        var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        // The dev service's token endpoint issues a signed access token for a user (password grant).
        String token = given().formParam("grant_type", "password").formParam("username", "api-oidc-member")
                .formParam("password", "any").formParam("client_id", config.getValue("quarkus.oidc.client-id", String.class))
                .formParam("client_secret", config.getValue("quarkus.oidc.credentials.secret", String.class))
                .post(config.getValue("quarkus.oidc.auth-server-url", String.class) + "/token").then().statusCode(200)
                .extract().path("access_token");
        as(token).get("/api/contacts/" + contact).then().statusCode(200).body("name", equalTo("Olu"));
        as(token.substring(0, token.length() - 4) + "AAAA").get("/api/contacts").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void anUnknownMalformedRevokedOrClosedBusinesssKeyIsRefused() {
        UUID business = fixtures.business("API Revoked Plumbing");
        String key = apiKeys.key(business, true);
        as(key).get("/api/contacts").then().statusCode(200);

        as(key + "x").get("/api/contacts").then().statusCode(401).contentType("application/problem+json")
                .body("detail", containsString("unknown or revoked"));
        as("cbk_nonsense").get("/api/contacts").then().statusCode(401);
        as("not-even-a-key").get("/api/contacts").then().statusCode(401).contentType("application/problem+json");

        apiKeys.revoke(business, key);
        as(key).get("/api/contacts").then().statusCode(401).contentType("application/problem+json");

        UUID closing = fixtures.business("API Closing Plumbing");
        String closingKey = apiKeys.key(closing, false);
        as(closingKey).get("/api/contacts").then().statusCode(200);
        com.callaback.support.AsTenant.run(closing, () ->
                com.callaback.tenant.Tenant.<com.callaback.tenant.Tenant>findById(closing).status = "closed");
        as(closingKey).get("/api/contacts").then().statusCode(401);
    }

    @Test
    void aReadKeyReadsButCannotWriteAndTheKeysLastUseIsRecorded() {
        UUID business = fixtures.business("API Scoped Bakery");
        UUID contact = fixtures.contact(business, Fixtures.randomPhone(), "Ola");
        String read = apiKeys.key(business, false);
        String write = apiKeys.key(business, true);

        as(read).get("/api/contacts").then().statusCode(200);
        as(read).body(Map.of("contactId", contact.toString(), "body", "Hi")).post("/api/send-followup").then()
                .statusCode(403).contentType("application/problem+json").body("detail", containsString("read scope"));
        scope.run(business, () -> assertThat(FollowUp.count()).isZero());

        as(write).body(Map.of("contactId", contact.toString(), "body", "Hi")).post("/api/send-followup").then()
                .statusCode(202);
        scope.run(business, () -> {
            assertThat(FollowUp.count()).isOne();
            assertThat(FollowUp.<FollowUp>findAll().firstResult().createdBy).isEqualTo(fixtures.user("api-key-admin"));
            ApiKey used = ApiKey.find("keyPrefix", ApiKeyService.prefixOf(read)).firstResult();
            assertThat(used.lastUsedAt).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
        });
    }

    @Test
    void aKeyOverItsRateIsTold429WithRetryAfterWhileAnotherKeyIsNot() {
        UUID business = fixtures.business("API Busy Garage");
        String busy = apiKeys.key(business, false);
        String calm = apiKeys.key(business, false);
        int answered = 0;
        io.restassured.response.Response refused = null;
        // Up to two windows' worth: the first minute may end part-way.
        for (int i = 0; i < 130 && refused == null; i++) {
            io.restassured.response.Response response = as(busy).get("/api/contacts");
            if (response.statusCode() == 429) {
                refused = response;
            } else {
                answered++;
            }
        }
        assertThat(refused).as("refused within two windows").isNotNull();
        assertThat(answered).isGreaterThanOrEqualTo(30);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
        as(calm).get("/api/contacts").then().statusCode(200);
    }

    @Test
    void theLimitHoldsAcrossReplicasBecauseTheCountIsShared() {
        UUID business = fixtures.business("API Replicated Garage");
        String key = apiKeys.key(business, false);
        UUID keyId = scope.call(business, () -> ApiKey.<ApiKey>find("keyPrefix", ApiKeyService.prefixOf(key))
                .firstResult().id);
        // Other replicas already answered the whole minute's limit (60 in tests) for this key: the counts they
        // wrote are the ones this replica reads. The next minute's too, in case the minute ends meanwhile.
        scope.run(business, () -> em.createNativeQuery("insert into api_request_windows (tenant_id, api_key_id,"
                + " window_start, requests) select current_tenant_id(), ?1, date_trunc('minute', now()) + m * interval"
                + " '1 minute', 60 from generate_series(0, 1) m").setParameter(1, keyId).executeUpdate());

        io.restassured.response.Response refused = as(key).get("/api/contacts");

        assertThat(refused.statusCode()).as("this replica never saw a request of the key").isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(Long.parseLong(refused.header("Retry-After"))).as("until the minute ends").isBetween(1L, 60L);
        assertThat(refused.asString()).contains("Retry-After");
        String other = apiKeys.key(business, false);
        as(other).get("/api/contacts").then().statusCode(200);
        UUID rival = fixtures.business("API Replicated Rival");
        as(apiKeys.key(rival, false)).get("/api/contacts").then().statusCode(200);
    }
}
