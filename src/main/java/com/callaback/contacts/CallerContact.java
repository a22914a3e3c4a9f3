package com.callaback.contacts;

import java.util.UUID;

/** The contact behind a caller, as much of it as the call flow needs. */
public record CallerContact(UUID id, String displayName, boolean smsOptOut) {
}
