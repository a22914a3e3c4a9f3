package com.callaback.messaging;

import java.util.List;

import com.callaback.contacts.Contact;

/** Everything that happened with one contact, newest first, and the zone its times are shown in. */
public record Timeline(Contact contact, String timezone, List<TimelineEntry> entries, boolean truncated) {

    public boolean isEmpty() {
        return entries.isEmpty();
    }
}
