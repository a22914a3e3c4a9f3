package com.callaback.telephony;

import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

import com.google.i18n.phonenumbers.Phonenumber;

/** Parses what people and Twilio send into E.164 with libphonenumber; the only form numbers are stored in. */
public final class PhoneNumberFormat {

    /** Numbers typed without a country code are read as US/Canada numbers. */
    public static final String DEFAULT_REGION = "US";
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumberFormat() {
    }

    /** Numbers Twilio puts in {@code From} when the caller withheld theirs ("anonymous", "restricted", ...). */
    private static final java.util.Set<String> WITHHELD = java.util.Set.of("+266696687", "+7378742833",
            "+2562533", "+8656696", "+86282452253");
    private static final java.util.regex.Pattern E164 = java.util.regex.Pattern.compile("\\+[1-9][0-9]{6,14}");

    /**
     * A number as Twilio sends it ({@code To}, {@code From}): already E.164, taken as is, since Twilio knows numbers
     * libphonenumber's metadata may not yet; anything else goes through {@link #toE164}.
     */
    public static Optional<String> fromTwilio(String raw) {
        if (raw == null || !E164.matcher(raw.strip()).matches()) {
            return toE164(raw);
        }
        String number = raw.strip();
        if (WITHHELD.contains(number)) {
            return Optional.empty();
        }
        try {
            return UTIL.isPossibleNumber(UTIL.parse(number, DEFAULT_REGION)) ? Optional.of(number) : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** The E.164 form of a valid number, or empty when it is not a dialable number. */
    public static Optional<String> toE164(String raw) {
        if (raw == null || raw.isBlank() || raw.length() > 40) {
            return Optional.empty();
        }
        try {
            Phonenumber.PhoneNumber parsed = UTIL.parse(raw.trim(), DEFAULT_REGION);
            if (!UTIL.isValidNumber(parsed)) {
                return Optional.empty();
            }
            // libphonenumber calls some overlong numbers valid (a German "+49886725575555557" of 17 digits, found by
            // the fuzzer); E.164 allows at most 15.
            return Optional.of(UTIL.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164))
                    .filter(number -> E164.matcher(number).matches());
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
