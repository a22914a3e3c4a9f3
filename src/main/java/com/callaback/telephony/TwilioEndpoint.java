package com.callaback.telephony;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.callaback.simulator.SimulatorConfig;

import io.quarkus.runtime.StartupEvent;

/**
 * Decides where Twilio is: the real one with the master credentials, a configured stand-in URL (tests), or the
 * built-in simulator when it is enabled and no master credentials are set. Refuses to start with neither, and with
 * both.
 */
@ApplicationScoped
public class TwilioEndpoint {

    /** The simulator's own master account. */
    public static final TwilioGateway.Credentials SIMULATED_MASTER = new TwilioGateway.Credentials(
            "AC" + "5".repeat(32), "simulated-master-token");

    @Inject
    TwilioConfig twilio;
    @Inject
    SimulatorConfig simulator;

    void checkOnStart(@Observes StartupEvent event) {
        if (simulator.enabled() && masterFromConfig().isPresent()) {
            // The simulator signs webhooks with a business's subaccount token: next to real Twilio it could forge
            // real customers' calls and STOPs, and send real texts.
            throw new IllegalStateException("CALLABACK_SIMULATOR_ENABLED=true and Twilio credentials are both set: "
                    + "the simulator must never run next to real Twilio. Unset one of them.");
        }
        if (!simulated() && masterFromConfig().isEmpty()) {
            throw new IllegalStateException("Twilio is not configured: set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN, "
                    + "or CALLABACK_SIMULATOR_ENABLED=true to run on the built-in simulator (demo only).");
        }
    }

    /** Whether every Twilio call goes to the built-in simulator. */
    public boolean simulated() {
        return simulator.enabled() && masterFromConfig().isEmpty();
    }

    /** The base URL that replaces https://*.twilio.com, if any. */
    public Optional<String> baseUrlOverride() {
        if (simulated()) {
            return Optional.of(simulator.selfUrl() + "/simulator/twilio");
        }
        return twilio.apiBaseUrl();
    }

    public TwilioGateway.Credentials master() {
        return simulated() ? SIMULATED_MASTER : masterFromConfig()
                .orElseThrow(() -> new IllegalStateException("Twilio master credentials are not configured"));
    }

    private Optional<TwilioGateway.Credentials> masterFromConfig() {
        if (twilio.accountSid().isEmpty() || twilio.authToken().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TwilioGateway.Credentials(twilio.accountSid().get(), twilio.authToken().get()));
    }
}
