package com.callaback.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.LaunchMode;

/** Production refuses to start without a way to charge; dev and tests fall back to local billing. */
class BillingModeCheckTest {

    @Test
    void productionWithNeitherAKeyNorLocalModeRefusesToStart() {
        assertThat(BillingModeCheck.problem(config(null, null, null), LaunchMode.NORMAL))
                .contains("STRIPE_SECRET_KEY", "CALLABACK_BILLING_MODE=local");
        assertThat(BillingModeCheck.problem(config(BillingConfig.Mode.local, null, null), LaunchMode.NORMAL)).isNull();
        assertThat(BillingModeCheck.problem(config(null, "sk_live_x", "whsec_x"), LaunchMode.NORMAL)).isNull();
        assertThat(BillingModeCheck.problem(config(null, "sk_live_x", null), LaunchMode.NORMAL))
                .contains("STRIPE_WEBHOOK_SECRET");
        assertThat(BillingModeCheck.problem(config(BillingConfig.Mode.stripe, null, "whsec_x"), LaunchMode.NORMAL))
                .contains("needs STRIPE_SECRET_KEY");
    }

    @Test
    void devAndTestsDefaultToLocal() {
        BillingConfig none = config(null, null, null);
        assertThat(BillingModeCheck.problem(none, LaunchMode.DEVELOPMENT)).isNull();
        assertThat(BillingModeCheck.problem(none, LaunchMode.TEST)).isNull();
        assertThat(none.effectiveMode()).isEqualTo(BillingConfig.Mode.local);
    }

    private static BillingConfig config(BillingConfig.Mode mode, String key, String webhookSecret) {
        return new BillingConfig() {
            public Optional<Mode> mode() {
                return Optional.ofNullable(mode);
            }

            public Optional<String> secretKey() {
                return Optional.ofNullable(key);
            }

            public Optional<String> webhookSecret() {
                return Optional.ofNullable(webhookSecret);
            }

            public Optional<String> apiBase() {
                return Optional.empty();
            }

            public String meterEventName() {
                return "sms_segments";
            }

            public Optional<String> meterId() {
                return Optional.empty();
            }

            public String reconcileEvery() {
                return "off";
            }

            public Optional<java.util.UUID> operatorBusiness() {
                return Optional.empty();
            }

            public Duration reviewShownFor() {
                return Duration.ofDays(7);
            }

            public Duration webhookTolerance() {
                return Duration.ofMinutes(5);
            }

            public int trialTexts() {
                return 50;
            }

            public Duration heldTextMaxAge() {
                return Duration.ofHours(72);
            }

            public Usage usage() {
                return null;
            }
        };
    }
}
