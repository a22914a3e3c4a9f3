package com.callaback.simulator;

import java.util.Locale;
import java.util.UUID;

import com.callaback.web.FieldErrors;

/** A text the simulated customer sends to the business (from the simulator page or the phone's reply box). */
public record TextForm(String numberId, String caller, String body) {

    /** Ten segments: longer texts are refused by carriers long before Twilio's own 1,600-character limit. */
    public static final int MAX_BODY = 1600;

    /** The form's checked values. */
    public record Valid(UUID numberId, String caller, String body) {
    }

    public static TextForm defaults(String numberId, String caller) {
        return new TextForm(numberId, caller, "");
    }

    public boolean numberIs(UUID id) {
        return SimulatorInput.sameId(numberId, id);
    }

    /** Every field checked at once; the exception names each field that is wrong and why. */
    public Valid validated() {
        FieldErrors errors = new FieldErrors();
        UUID number = SimulatorInput.numberId(numberId, errors);
        String e164 = SimulatorInput.caller(caller, errors);
        if (body == null || body.isBlank()) {
            errors.add("body", "Write the text to send.");
        } else if (body.length() > MAX_BODY) {
            errors.add("body", String.format(Locale.US, "A text can be at most %,d characters; this one has %,d.",
                    MAX_BODY, body.length()));
        }
        errors.throwIfAny();
        return new Valid(number, e164, body);
    }
}
