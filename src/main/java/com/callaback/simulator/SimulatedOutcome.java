package com.callaback.simulator;

import java.util.Arrays;
import java.util.Optional;

/** What happens to a simulated call once the business's phone is dialled, as the form offers it. */
public enum SimulatedOutcome {

    NO_ANSWER("no-answer", "Nobody picks up"),
    BUSY("busy", "The line is busy"),
    VOICEMAIL("voicemail", "Voicemail (the team phone's voicemail answers, or after hours)"),
    ANSWERED("answered", "Someone answers and presses a key");

    private final String value;
    private final String label;

    SimulatedOutcome(String value, String label) {
        this.value = value;
        this.label = label;
    }

    /** The form value, also Twilio's DialCallStatus for the outcomes that are one. */
    public String value() {
        return value;
    }

    public String label() {
        return label;
    }

    public static Optional<SimulatedOutcome> of(String value) {
        return Arrays.stream(values()).filter(o -> o.value.equals(value)).findFirst();
    }
}
