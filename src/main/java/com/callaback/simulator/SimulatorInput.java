package com.callaback.simulator;

import java.util.UUID;

import com.callaback.telephony.PhoneNumberFormat;
import com.callaback.web.FieldErrors;

/** Reads the fields the simulator's forms share: which of the business's numbers, and the caller's phone. */
final class SimulatorInput {

    private SimulatorInput() {
    }

    /** The chosen number's id; a blank or malformed value is a field error, not a missing record. */
    static UUID numberId(String raw, FieldErrors errors) {
        try {
            return UUID.fromString(raw == null ? "" : raw.strip());
        } catch (IllegalArgumentException e) {
            errors.add("numberId", "Choose one of this business's numbers.");
            return null;
        }
    }

    static String caller(String raw, FieldErrors errors) {
        String e164 = PhoneNumberFormat.toE164(raw).orElse(null);
        if (e164 == null) {
            errors.add("caller", "Enter the caller's phone number, e.g. (312) 555-0142 or +13125550142.");
        }
        return e164;
    }

    static boolean sameId(String raw, UUID id) {
        return raw != null && id != null && raw.strip().equalsIgnoreCase(id.toString());
    }
}
