package com.callaback.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.callaback.simulator.SimulatorConfig;

/** Where Twilio is, and the refusal to start without Twilio or the simulator. */
class TwilioEndpointTest {

    @Test
    void productionWithNeitherTwilioNorTheSimulatorRefusesToStart() {
        TwilioEndpoint endpoint = endpoint(null, null, false);
        assertThatThrownBy(() -> endpoint.checkOnStart(null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TWILIO_ACCOUNT_SID").hasMessageContaining("CALLABACK_SIMULATOR_ENABLED");
    }

    @Test
    void theSimulatorIsUsedOnlyWhenEnabledAndNoMasterCredentialsAreSet() {
        TwilioEndpoint simulated = endpoint(null, null, true);
        simulated.checkOnStart(null);
        assertThat(simulated.simulated()).isTrue();
        assertThat(simulated.baseUrlOverride()).contains("http://localhost:8080/simulator/twilio");
        assertThat(simulated.master()).isEqualTo(TwilioEndpoint.SIMULATED_MASTER);

        TwilioEndpoint both = endpoint("AC" + "1".repeat(32), "token", true);
        assertThatThrownBy(() -> both.checkOnStart(null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must never run next to real Twilio");

        TwilioEndpoint real = endpoint("AC" + "1".repeat(32), "token", false);
        real.checkOnStart(null);
        assertThat(real.simulated()).isFalse();
        assertThat(real.baseUrlOverride()).isEmpty();
        assertThat(real.master().accountSid()).isEqualTo("AC" + "1".repeat(32));
    }

    private static TwilioEndpoint endpoint(String sid, String token, boolean simulatorEnabled) {
        TwilioEndpoint endpoint = new TwilioEndpoint();
        endpoint.twilio = new TwilioConfig() {
            public Optional<String> accountSid() {
                return Optional.ofNullable(sid);
            }

            public Optional<String> authToken() {
                return Optional.ofNullable(token);
            }

            public Optional<String> apiBaseUrl() {
                return Optional.empty();
            }

            public Duration timeout() {
                return Duration.ofSeconds(10);
            }

            public int dialTimeoutSeconds() {
                return 20;
            }

            public int voicemailMaxSeconds() {
                return 120;
            }
        };
        endpoint.simulator = new SimulatorConfig() {
            public boolean enabled() {
                return simulatorEnabled;
            }

            public String selfUrl() {
                return "http://localhost:8080";
            }
        };
        return endpoint;
    }
}
