package com.callaback.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * After the whole suite (integration-test phase of {@code ./mvnw verify}): the app's log of every test
 * (target/quarkus-test.log) holds no full API key, no webhook signing secret, none of the test configuration's
 * platform secrets, and none of the subaccount tokens the suite handed out ({@code Fixtures.SECRETS_HANDED_OUT}).
 */
class SuiteLogIT {

    private static final Path LOG = Path.of("target/quarkus-test.log");
    private static final List<Pattern> SECRETS = List.of(
            Pattern.compile("cbk_[a-z0-9]{8}_[A-Za-z0-9_-]{20,}"),
            Pattern.compile("whsec_[A-Za-z0-9_-]{20,}"),
            // The %test values of CALLABACK_ENCRYPTION_KEY, OIDC_SESSION_SECRET and the master Twilio token.
            Pattern.compile(Pattern.quote("ZGV2LW9ubHkta2V5LWRvLW5vdC11c2UtaW4tcHJvZCE=")),
            Pattern.compile(Pattern.quote("dev-only-session-secret-0123456789abcdef")),
            Pattern.compile(Pattern.quote("test-master-token")));

    @Test
    void theSuiteLogHoldsNoSecret() throws IOException {
        assertThat(LOG).as("the suite ran and logged to its file").exists();
        String log = Files.readString(LOG, StandardCharsets.UTF_8);
        assertThat(log).contains("refused");
        List<String> found = new ArrayList<>();
        for (Pattern secret : SECRETS) {
            Matcher matcher = secret.matcher(log);
            while (matcher.find()) {
                found.add(matcher.group().substring(0, 8) + "… at character " + matcher.start());
            }
        }
        Path tokens = com.callaback.support.Fixtures.SECRETS_HANDED_OUT;
        assertThat(tokens).as("the suite handed out subaccount tokens").exists();
        List<String> handedOut = Files.readAllLines(tokens, StandardCharsets.UTF_8);
        assertThat(handedOut).as("subaccount tokens handed out").hasSizeGreaterThan(50);
        for (String token : handedOut) {
            int at = log.indexOf(token);
            if (!token.isBlank() && at >= 0) {
                found.add("a subaccount token " + token.substring(0, 6) + "… at character " + at);
            }
        }
        assertThat(found).as("secrets in " + LOG).isEmpty();
    }
}
