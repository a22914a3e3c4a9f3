package com.callaback.telephony;

import java.util.Optional;
import java.util.Set;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber;

/**
 * Which numbers may be a business's forwarding phone: calls to it are bridged on the platform's account, so only a
 * regular landline or mobile number (libphonenumber's number type). A premium-rate or shared-cost line would turn
 * every missed call into the platform's expense; toll-free, pager and personal numbers are not where a business
 * answers. Only numbers of the countries the platform forwards calls to are taken (docs/billing.md): a bridged
 * call elsewhere may cost many times a local one.
 */
public final class ForwardingPhoneRule {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    /** Countries (ISO 3166 codes) whose numbers calls are forwarded to. */
    static final Set<String> COUNTRIES = Set.of("US", "CA", "PR", "GB", "IE", "AU", "NZ", "FR", "DE", "ES", "IT",
            "NL", "BE", "PT", "AT", "CH", "SE", "NO", "DK", "FI");

    private ForwardingPhoneRule() {
    }

    /** Why this E.164 number may not be a forwarding phone, or empty when it may. */
    public static Optional<String> problem(String e164) {
        Phonenumber.PhoneNumber number;
        try {
            number = UTIL.parse(e164, "US");
        } catch (NumberParseException e) {
            return Optional.of("Enter a phone number we can call, such as (312) 555-0100.");
        }
        Optional<String> typeProblem = typeProblem(UTIL.getNumberType(number));
        if (typeProblem.isPresent()) {
            return typeProblem;
        }
        if (!COUNTRIES.contains(UTIL.getRegionCodeForNumber(number))) {
            return Optional.of("Calls can be forwarded to numbers in the US, Canada, the UK, Ireland, Australia, New "
                    + "Zealand and Western Europe: use the business's landline or mobile number there.");
        }
        return Optional.empty();
    }

    private static Optional<String> typeProblem(PhoneNumberType type) {
        return switch (type) {
            case FIXED_LINE, MOBILE, FIXED_LINE_OR_MOBILE -> Optional.empty();
            case PREMIUM_RATE, SHARED_COST -> Optional.of("Premium-rate and shared-cost numbers cannot receive "
                    + "forwarded calls: use the business's regular landline or mobile number.");
            case TOLL_FREE -> Optional.of("Toll-free numbers cannot receive forwarded calls: use the business's "
                    + "regular landline or mobile number.");
            default -> Optional.of("This is not a landline or mobile number we can forward calls to: use the "
                    + "business's regular landline or mobile number.");
        };
    }
}
