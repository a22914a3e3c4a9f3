package com.callaback.simulator;

import java.util.UUID;

import com.callaback.web.FieldErrors;

/** The simulator's "place a call" form as submitted, kept as typed so a failing form is shown again. */
public record CallForm(String numberId, String caller, String outcome) {

    /** The form's checked values. */
    public record Valid(UUID numberId, String caller, SimulatedOutcome outcome) {
    }

    public static CallForm defaults() {
        return new CallForm("", "+13125550123", SimulatedOutcome.NO_ANSWER.value());
    }

    public boolean numberIs(UUID id) {
        return SimulatorInput.sameId(numberId, id);
    }

    public boolean outcomeIs(SimulatedOutcome candidate) {
        return candidate.value().equals(outcome);
    }

    /** Every field checked at once; the exception names each field that is wrong and why. */
    public Valid validated() {
        FieldErrors errors = new FieldErrors();
        UUID number = SimulatorInput.numberId(numberId, errors);
        String e164 = SimulatorInput.caller(caller, errors);
        SimulatedOutcome chosen = SimulatedOutcome.of(outcome).orElse(null);
        if (chosen == null) {
            errors.add("outcome", "Choose what happens to the call.");
        }
        errors.throwIfAny();
        return new Valid(number, e164, chosen);
    }
}
