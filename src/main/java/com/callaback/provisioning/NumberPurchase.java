package com.callaback.provisioning;

import java.util.List;
import java.util.Optional;

import com.callaback.telephony.TwilioGateway;

/**
 * Finds a number for a business: in its area code first, then near it, then anywhere in the country, and says
 * which one it had to fall back to.
 */
final class NumberPurchase {

    /** How far a "nearby" number may be, in miles (Twilio's NearNumber distance). */
    static final int NEARBY_MILES = 50;

    /** The candidates found and, when not in the requested area code, why. */
    record Found(List<String> candidates, String note) {
    }

    private NumberPurchase() {
    }

    static Optional<Found> search(TwilioGateway twilio, TwilioGateway.Credentials account, String areaCode,
            String nearNumber) {
        Integer code = areaCode == null ? null : Integer.valueOf(areaCode);
        if (code != null) {
            List<String> inArea = twilio.searchLocalNumbers(account, code, null, null);
            if (!inArea.isEmpty()) {
                return Optional.of(new Found(inArea, null));
            }
        }
        String near = nearNumber != null ? nearNumber : code == null ? null : "+1" + code + "5550100";
        if (near != null) {
            List<String> nearby = twilio.searchLocalNumbers(account, null, near, NEARBY_MILES);
            if (!nearby.isEmpty()) {
                return Optional.of(new Found(nearby, "No numbers were available in area code " + areaCode
                        + "; this one is nearby."));
            }
        }
        List<String> anywhere = twilio.searchLocalNumbers(account, null, null, null);
        if (anywhere.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Found(anywhere, code == null ? null
                : "No numbers were available in or near area code " + areaCode + "; this one is elsewhere in the US."));
    }
}
