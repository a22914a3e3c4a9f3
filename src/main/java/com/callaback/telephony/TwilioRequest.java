package com.callaback.telephony;

import java.util.Map;
import java.util.regex.Pattern;

import com.callaback.web.InvalidInputException;

/** One webhook request from Twilio: the path and raw query it was sent to, its form parameters and signature. */
public record TwilioRequest(String path, String rawQuery, Map<String, String> params, String signature) {

    public static final Pattern CALL_SID = Pattern.compile("CA[0-9a-fA-F]{32}");
    public static final Pattern MESSAGE_SID = Pattern.compile("(SM|MM)[0-9a-fA-F]{32}");
    public static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");

    /** Twilio never sends more: a text's body is at most 1,600 characters, a media URL a URL. */
    public static final int MAX_BODY = 1600;
    public static final int MAX_MEDIA_URL = 2048;
    public static final int MAX_PARAMETER = 4096;
    public static final int MAX_PARAMETER_NAME = 64;

    /** The request as read, refused with a 400 naming the parameter when one is longer than Twilio ever sends. */
    public TwilioRequest {
        for (Map.Entry<String, String> param : params.entrySet()) {
            String name = param.getKey();
            int limit = name.equals("Body") ? MAX_BODY : name.startsWith("MediaUrl") ? MAX_MEDIA_URL : MAX_PARAMETER;
            if (name.length() > MAX_PARAMETER_NAME) {
                throw new InvalidInputException("parameter name", "may be at most " + MAX_PARAMETER_NAME + " characters");
            }
            if (param.getValue() != null && param.getValue().length() > limit) {
                throw new InvalidInputException(name, "may be at most " + limit + " characters, not "
                        + param.getValue().length());
            }
        }
    }

    public String param(String name) {
        String value = params.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    public String required(String name) {
        String value = param(name);
        if (value == null) {
            throw new InvalidInputException(name, "is required");
        }
        return value;
    }

    public String required(String name, Pattern format) {
        String value = required(name);
        if (!format.matcher(value).matches()) {
            throw new InvalidInputException(name, "is not a valid Twilio identifier");
        }
        return value;
    }

    /** A phone number Twilio sent: E.164 as is, or parsed; else 400 naming the parameter. */
    public String requiredTwilioNumber(String name) {
        return PhoneNumberFormat.fromTwilio(required(name))
                .orElseThrow(() -> new InvalidInputException(name, "is not a valid phone number"));
    }
}
