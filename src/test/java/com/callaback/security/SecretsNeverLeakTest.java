package com.callaback.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.callaback.api.ApiKeyFixtures;
import com.callaback.api.WebhookService;
import com.callaback.support.Fixtures;
import com.callaback.support.TwilioCalls;
import com.callaback.support.TwilioWebhooks;
import com.callaback.telephony.TwilioAccount;
import com.callaback.tenant.TenantScope;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/**
 * No subaccount token, API key, webhook signing secret or platform secret ever reaches the logs, a page or an API
 * answer. Every log record of this class's run is captured in memory; the test log file (target/quarkus-test.log,
 * all of the suite that ran before in this JVM) is searched for anything shaped like a full API key or signing
 * secret, and for the platform's own secrets.
 */
@QuarkusTest
class SecretsNeverLeakTest {

    private static final Path SUITE_LOG = Path.of("target/quarkus-test.log");
    private static final Pattern API_KEY = Pattern.compile("cbk_[a-z0-9]{8}_[A-Za-z0-9_-]{20,}");
    private static final Pattern SIGNING_SECRET = Pattern.compile("whsec_[A-Za-z0-9_-]{20,}");

    @Inject
    Fixtures fixtures;
    @Inject
    TenantScope scope;
    @Inject
    ApiKeyFixtures apiKeys;
    @Inject
    WebhookService webhooks;
    @Inject
    com.callaback.telephony.TwilioAccountCredentials credentials;
    @ConfigProperty(name = "quarkus.oidc.token-state-manager.encryption-secret")
    String sessionSecret;
    @ConfigProperty(name = "callaback.platform.encryption-key")
    String encryptionKey;
    @ConfigProperty(name = "callaback.twilio.auth-token")
    String masterToken;

    private final List<String> captured = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (captured) {
                captured.add(record.getLoggerName() + " " + record.getMessage() + " "
                        + java.util.Arrays.toString(record.getParameters()) + " " + record.getThrown());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLogs() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    @TestSecurity(user = "leak-admin")
    void secretsAppearInNoLogPageOrAnswer() throws IOException {
        Fixtures.TwilioBusiness shop = fixtures.twilioBusiness("Leak Check Dental", true);
        Fixtures.TwilioBusiness other = fixtures.twilioBusiness("Leak Check Other", true);
        fixtures.member(shop.tenantId(), "leak-admin", "admin");
        given().redirects().follow(false).formParam("tenant", shop.tenantId().toString()).post("/switch").then()
                .statusCode(303);
        String apiKey = apiKeys.key(shop.tenantId(), true);
        UUID admin = fixtures.user("leak-admin");
        String signingSecret = scope.call(shop.tenantId(),
                () -> webhooks.register("http://localhost:1/leak-hook", admin).secret());
        List<String> secrets = List.of(shop.authToken(), other.authToken(), apiKey, signingSecret, sessionSecret,
                encryptionKey, masterToken);

        // Webhooks: genuine, unsigned, signed with another business's token, and with a stored token that no longer
        // decrypts (copied from the other business): every refusal is logged, none with a secret.
        TwilioWebhooks twilio = new TwilioWebhooks();
        twilio.post("/api/twilio/incoming-sms", shop.authToken(), TwilioCalls.incomingSms(shop, TwilioCalls.messageSid(),
                Fixtures.randomPhone(), "my card is 4242")).then().statusCode(200);
        TwilioWebhooks.postUnrecorded("/api/twilio/incoming-call", "forged",
                TwilioCalls.incomingCall(shop, TwilioCalls.callSid(), Fixtures.randomPhone())).then().statusCode(403);
        twilio.post("/api/twilio/incoming-call", other.authToken(), TwilioCalls.incomingCall(shop,
                TwilioCalls.callSid(), Fixtures.randomPhone())).then().statusCode(403);
        String sealedForOther = scope.call(other.tenantId(), () -> TwilioAccount.<TwilioAccount>find("subaccountSid",
                other.accountSid()).firstResult().authTokenEncrypted);
        scope.run(shop.tenantId(), () -> TwilioAccount.<TwilioAccount>find("subaccountSid", shop.accountSid())
                .firstResult().authTokenEncrypted = sealedForOther);
        twilio.post("/api/twilio/incoming-call", other.authToken(), TwilioCalls.incomingCall(shop,
                TwilioCalls.callSid(), Fixtures.randomPhone())).then().statusCode(403);
        scope.run(shop.tenantId(), () -> TwilioAccount.<TwilioAccount>find("subaccountSid", shop.accountSid())
                .firstResult().authTokenEncrypted = credentials.sealed(shop.accountSid(), shop.authToken()));

        // The API with the key, a mangled key and a made-up one; pages that list keys, endpoints and numbers.
        List<String> answers = new ArrayList<>();
        answers.add(ApiKeyFixtures.as(apiKey).get("/api/contacts").then().statusCode(200).extract().asString());
        answers.add(ApiKeyFixtures.as(apiKey + "x").get("/api/contacts").then().statusCode(401).extract().asString());
        answers.add(ApiKeyFixtures.as(apiKey.substring(0, 13) + "_" + "A".repeat(43)).get("/api/contacts").then()
                .statusCode(401).extract().asString());
        for (String page : List.of("/settings/api-keys", "/settings/webhooks", "/settings/numbers", "/settings")) {
            answers.add(given().redirects().follow(false).header("Accept", "text/html").get(page).then().statusCode(200)
                    .extract().asString());
        }

        for (String secret : secrets) {
            String shown = secret.substring(0, 6) + "…";
            synchronized (captured) {
                assertThat(captured).as("log records carry %s", shown).noneMatch(line -> line.contains(secret));
            }
            assertThat(answers).as("pages and API answers carry %s", shown).noneMatch(body -> body.contains(secret));
        }
        assertThat(captured).as("some records were captured").isNotEmpty();

        if (Files.exists(SUITE_LOG)) {
            String suite = Files.readString(SUITE_LOG, StandardCharsets.UTF_8);
            assertThat(suite).contains("refused");
            for (String secret : secrets) {
                assertThat(suite.contains(secret)).as("the suite log carries %s…", secret.substring(0, 6)).isFalse();
            }
            assertThat(matches(API_KEY, suite)).as("API keys in the suite log").isEmpty();
            assertThat(matches(SIGNING_SECRET, suite)).as("signing secrets in the suite log").isEmpty();
        }
    }

    private static List<String> matches(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group().substring(0, 8) + "…");
        }
        return found;
    }
}
