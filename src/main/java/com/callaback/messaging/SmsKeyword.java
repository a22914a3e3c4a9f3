package com.callaback.messaging;

import java.util.Locale;

/** The carrier-standard keywords (STOP, START, HELP) that a whole inbound text can be. */
public enum SmsKeyword {
    OPT_OUT, OPT_IN, HELP, NONE;

    /** The keyword the whole message is, ignoring case, surrounding spaces and trailing punctuation; NONE otherwise. */
    public static SmsKeyword of(String body) {
        if (body == null) {
            return NONE;
        }
        String word = body.strip()
                .replaceAll("[\\p{Punct}\\s]+$", "")
                .replaceAll("\\s+", " ")
                .toUpperCase(Locale.ROOT);
        return switch (word) {
            case "STOP", "STOPALL", "UNSUBSCRIBE", "END", "QUIT", "CANCEL", "REVOKE",
                    "OPTOUT", "OPT OUT", "OPT-OUT" -> OPT_OUT;
            case "START", "UNSTOP", "YES" -> OPT_IN;
            case "HELP", "INFO" -> HELP;
            default -> NONE;
        };
    }

    /** Maps Twilio's {@code OptOutType} webhook parameter, which Twilio sets when its own keyword handling fired. */
    public static SmsKeyword fromTwilioOptOutType(String optOutType) {
        if (optOutType == null) {
            return NONE;
        }
        return switch (optOutType.strip().toUpperCase(Locale.ROOT)) {
            case "STOP" -> OPT_OUT;
            case "START" -> OPT_IN;
            case "HELP" -> HELP;
            default -> NONE;
        };
    }
}
