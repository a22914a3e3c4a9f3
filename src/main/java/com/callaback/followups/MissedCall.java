package com.callaback.followups;

import java.util.UUID;

import com.callaback.contacts.CallerContact;

/** A call that has just become missed, once: the call, its caller, and the number it came in on. */
public record MissedCall(UUID interactionId, CallerContact caller, UUID phoneNumberId, boolean voicemail) {
}
