package com.callaback.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.callaback.support.TwilioWebhooks;
import com.callaback.telephony.PhoneNumberFormat;
import com.callaback.telephony.TwilioRequest;
import com.callaback.web.InvalidInputException;
import com.twilio.security.RequestValidator;

/**
 * Fuzzing (Jazzer) of what an attacker controls in a Twilio webhook: the form parameters as the admission reads
 * them, the signature check, and phone numbers. Under {@code ./mvnw verify} each runs its stored inputs (regression
 * mode); .ci/run fuzzes each for a bounded time with {@code JAZZER_FUZZ=1}. What each proves: parsing fails only
 * with a 400 ({@link InvalidInputException}) and never another exception (which would be a 500); no signature but
 * the one computed with the business's token is accepted; a parsed number is always E.164.
 */
class WebhookParsingFuzzTest {

    private static final String TOKEN = "0123456789abcdef0123456789abcdef";
    private static final String URL = TwilioWebhooks.PUBLIC_BASE_URL + "/api/twilio/incoming-sms";

    @FuzzTest(maxDuration = "30s")
    void webhookParametersFailOnlyWithA400(FuzzedDataProvider data) {
        Map<String, String> params = new HashMap<>();
        int count = data.consumeInt(0, 12);
        for (int i = 0; i < count; i++) {
            params.put(data.consumeString(80), data.consumeString(5000));
        }
        try {
            TwilioRequest request = new TwilioRequest("/api/twilio/incoming-sms", null, params, data.consumeString(40));
            request.param("Body");
            request.required("AccountSid", TwilioRequest.ACCOUNT_SID);
            request.requiredTwilioNumber("To");
        } catch (InvalidInputException expected) {
            assertThat(expected.errors()).isNotEmpty();
        }
    }

    @FuzzTest(maxDuration = "30s")
    void onlyTheSignatureOfTheBusinessTokenIsAccepted(FuzzedDataProvider data) {
        Map<String, String> params = new TreeMap<>();
        int count = data.consumeInt(0, 8);
        for (int i = 0; i < count; i++) {
            params.put(data.consumeString(20), data.consumeString(200));
        }
        String forged = data.consumeRemainingAsString();
        RequestValidator validator = new RequestValidator(TOKEN);
        String genuine = TwilioWebhooks.signature(TOKEN, URL, params);
        assertThat(validator.validate(URL, params, genuine)).isTrue();
        if (!forged.equals(genuine)) {
            assertThat(validator.validate(URL, params, forged)).isFalse();
        }
        // The genuine signature for another path, or signed with another token, is refused.
        assertThat(validator.validate(URL.replace("incoming-sms", "incoming-call"), params, genuine)).isFalse();
        assertThat(validator.validate(URL, params, TwilioWebhooks.signature(TOKEN.replace('0', '1'), URL, params)))
                .isFalse();
    }

    @FuzzTest(maxDuration = "30s")
    void aParsedPhoneNumberIsAlwaysE164(FuzzedDataProvider data) {
        String raw = data.consumeRemainingAsString();
        for (var parsed : java.util.List.of(PhoneNumberFormat.fromTwilio(raw), PhoneNumberFormat.toE164(raw))) {
            parsed.ifPresent(number -> assertThat(number).matches("\\+[1-9][0-9]{1,14}"));
        }
    }
}
