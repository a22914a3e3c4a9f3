package com.callaback.telephony;

import java.time.Instant;
import java.time.ZoneId;

/** What the call flow needs of a business, parsed once: where calls ring, when, what callers hear, the auto-reply. */
public record CallSettings(String name, String forwardingPhone, BusinessHours businessHours, ZoneId timezone,
        String voicemailGreeting, boolean autoReplyEnabled, String autoReplyText, int autoReplyDelaySeconds,
        String helpText) {

    /** Inside business hours with a phone to forward to. */
    public boolean isOpen(Instant at) {
        return forwardingPhone != null && businessHours.isOpen(at.atZone(timezone));
    }
}
