package com.callaback.dashboard;

import java.time.Instant;
import java.util.UUID;

/** One line of the overview's latest activity: a call or text with the caller it belongs to. */
public record RecentActivity(UUID contactId, String caller, String callerPhone, String type, String direction,
        String status, String category, String body, Instant occurredAt) {

    /** "Missed call", "Voicemail", "Text received", "Text sent"... in a person's words. */
    public String what() {
        if ("call".equals(type) || "voicemail".equals(type)) {
            return switch (status) {
                case "missed" -> "Missed call";
                case "voicemail" -> "Voicemail";
                case "answered" -> "Answered call";
                case "ringing" -> "Ringing";
                default -> "Call";
            };
        }
        if ("note".equals(type)) {
            return "Note";
        }
        return "inbound".equals(direction) ? "Text received" : "Text sent";
    }

    /** The delivery state of an outbound text, or nothing for calls and received texts. */
    public String deliveryState() {
        boolean outboundText = "sms".equals(type) && "outbound".equals(direction);
        return outboundText ? status : "";
    }
}
