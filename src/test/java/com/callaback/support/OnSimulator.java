package com.callaback.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The simulator on and no Twilio master credentials: every Twilio call goes to the built-in simulator. */
public class OnSimulator implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("callaback.simulator.enabled", "true", "callaback.twilio.account-sid", "",
                "callaback.twilio.auth-token", "");
    }
}
