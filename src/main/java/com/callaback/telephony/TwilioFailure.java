package com.callaback.telephony;

/**
 * Twilio refused or could not be reached. Retryable: rate limits (429), Twilio's 5xx and network errors;
 * anything else is permanent, with Twilio's error code (e.g. 21610 unsubscribed recipient, 21211 invalid number).
 */
public class TwilioFailure extends RuntimeException {

    private final Integer code;
    private final Integer httpStatus;
    private final boolean retryable;

    public TwilioFailure(String message, Integer code, Integer httpStatus, boolean retryable, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.httpStatus = httpStatus;
        this.retryable = retryable;
    }

    public Integer code() {
        return code;
    }

    public Integer httpStatus() {
        return httpStatus;
    }

    public boolean retryable() {
        return retryable;
    }

    /** The code as stored on rows: Twilio's error code, else the HTTP status, else "network". */
    public String errorCode() {
        if (code != null) {
            return code.toString();
        }
        return httpStatus != null ? "http_" + httpStatus : "network";
    }
}
