package com.callaback.telephony;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the platform reaches Twilio. */
@ConfigMapping(prefix = "callaback.twilio")
public interface TwilioConfig {

    /** Master account SID (from {@code TWILIO_ACCOUNT_SID}); subaccounts are created under it. */
    Optional<String> accountSid();

    /** Master auth token (from {@code TWILIO_AUTH_TOKEN}). */
    Optional<String> authToken();

    /**
     * Sends every Twilio REST call to this base URL instead of {@code https://*.twilio.com} (a local stub in tests,
     * the simulator in dev). Unset in production.
     */
    Optional<String> apiBaseUrl();

    /** How long to wait for Twilio before treating a call as a network failure (it is then retried). */
    @WithDefault("10s")
    Duration timeout();

    /** Ring time of the forwarding phone before a call counts as missed. */
    @WithDefault("20")
    int dialTimeoutSeconds();

    /** Longest voicemail, in seconds. */
    @WithDefault("120")
    int voicemailMaxSeconds();
}
