package com.callaback.billing;

import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;

/**
 * Which numbers may be a business's forwarding phone: calls to it are bridged on the platform's account, so only a
 * regular landline or mobile number (libphonenumber's number type). A premium-rate or shared-cost line would turn
 * every missed call into the platform's expense; toll-free, pager and personal numbers are not where a business
 * answers.
 */
public final class ForwardingPhoneRule {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private ForwardingPhoneRule() {
    }

    /** Why this E.164 number may not be a forwarding phone, or empty when it may. */
    public static Optional<String> problem(String e164) {
        PhoneNumberType type;
        try {
            type = UTIL.getNumberType(UTIL.parse(e164, "US"));
        } catch (NumberParseException e) {
            return Optional.of("Enter a phone number we can call, such as (312) 555-0100.");
        }
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
