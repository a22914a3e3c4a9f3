package com.callaback.messaging;

import java.time.Instant;

import com.callaback.contacts.Interaction;

/**
 * One line of a contact's timeline: a call, a text, a follow-up or a lead change, already in words. The interaction
 * is there for calls and texts (templates ask it {@code missed}, {@code inbound}...), null otherwise.
 */
public record TimelineEntry(Instant at, Kind kind, String title, String body, String detail, boolean problem,
        String recordingUrl, Interaction interaction) {

    /** What the line is about; pages mark it with {@code data-entry}. */
    public enum Kind {
        CALL, TEXT, FOLLOW_UP, LEAD;

        public String slug() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public boolean isInbound() {
        return interaction != null && interaction.isInbound();
    }

    public boolean isCall() {
        return kind == Kind.CALL;
    }

    public boolean isText() {
        return kind == Kind.TEXT;
    }
}
