package com.callaback.telephony;

import java.util.Arrays;
import java.util.Optional;

/**
 * The Twilio error codes (and our own failure codes) a business may see on a text, each in plain words with what
 * to do about it. Pages show {@link #describe(String)}; unknown codes still say something useful.
 */
public enum TwilioErrorCode {
    QUEUE_OVERFLOW("30001", "Twilio's queue for this number was full.", "It is retried automatically."),
    ACCOUNT_SUSPENDED("30002", "The Twilio account is suspended.", "Contact support."),
    UNREACHABLE("30003", "The phone was switched off or out of coverage.", "Try again later or call them."),
    BLOCKED("30004", "The recipient's carrier blocked the text.", "Call them instead."),
    UNKNOWN_DESTINATION("30005", "The number does not exist or is no longer in service.", "Check the number."),
    LANDLINE("30006", "The number is a landline or cannot receive texts.", "Call them instead."),
    FILTERED("30007", "The carrier filtered the text as spam.", "Reword the text; avoid links and all caps."),
    UNKNOWN("30008", "The carrier did not say why the text was not delivered.", "Try again later or call them."),
    UNREGISTERED("30034", "US carriers block texts from numbers without an approved A2P 10DLC registration.",
            "Finish your texting registration under Numbers."),
    INVALID_NUMBER("21211", "The number is not a valid phone number.", "Check the number."),
    NOT_MOBILE("21614", "The number cannot receive texts (not a mobile number).", "Call them instead."),
    OPTED_OUT("21610", "The customer replied STOP: texting them is not allowed until they reply START.",
            "Call them if they asked you to."),
    RATE_LIMITED("http_429", "Twilio asked us to slow down.", "It is retried automatically."),
    TWILIO_DOWN("http_503", "Twilio was unavailable.", "It is retried automatically."),
    TWILIO_RATE_LIMITED("20429", "Twilio asked us to slow down.", "It is retried automatically."),
    TWILIO_SERVER_ERROR("20500", "Twilio had an internal error.", "It is retried automatically."),
    TWILIO_UNAVAILABLE("20503", "Twilio was unavailable.", "It is retried automatically."),
    GATEWAY_DOWN("http_502", "Twilio could not be reached (bad gateway).", "It is retried automatically."),
    GAVE_UP("twilio_unavailable", "Twilio was out of service for this number's account for a whole day, so the "
            + "text was not sent late.", "Send it again if it still makes sense."),
    NETWORK("network", "Twilio could not be reached.", "It is retried automatically."),
    WORKER_LOST("worker_lost", "Sending stopped responding on every attempt; the text may have gone out before it did.",
            "Check the conversation first, and retry only if the customer did not get it."),
    NO_NUMBER("no_number", "The business has no active number to text from.", "Add a number under Numbers."),
    NO_SUBACCOUNT("no_subaccount", "The business's Twilio account is not set up yet.",
            "Wait for setup to finish under Numbers, or retry it there."),
    EMPTY_BODY("empty_body", "The text was empty.", "Write the text again.");

    private final String code;
    private final String meaning;
    private final String whatToDo;

    TwilioErrorCode(String code, String meaning, String whatToDo) {
        this.code = code;
        this.meaning = meaning;
        this.whatToDo = whatToDo;
    }

    public String code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    public String whatToDo() {
        return whatToDo;
    }

    public static Optional<TwilioErrorCode> of(String code) {
        return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst();
    }

    /** "The phone was switched off or out of coverage. Try again later or call them." for a stored code. */
    public static String describe(String code) {
        if (code == null || code.isBlank()) {
            return "";
        }
        return of(code).map(c -> c.meaning + " " + c.whatToDo)
                .orElse("Twilio refused the text (error " + code + ").");
    }
}
