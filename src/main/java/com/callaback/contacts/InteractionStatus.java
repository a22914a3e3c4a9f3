package com.callaback.contacts;

import java.util.Locale;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Where a call (ringing, answered, missed, voicemail) or a text (received; queued to delivered, undelivered or
 * failed) stands. Stored lowercase.
 */
public enum InteractionStatus {
    RINGING, ANSWERED, MISSED, VOICEMAIL, RECEIVED, QUEUED, SENDING, SENT, DELIVERED, UNDELIVERED, FAILED;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static InteractionStatus fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** The stored value, so a page printing a status reads "missed", not "MISSED". */
    @Override
    public String toString() {
        return dbValue();
    }

    /** Maps the lowercase column to the enum. */
    @Converter
    public static class Column implements AttributeConverter<InteractionStatus, String> {
        @Override
        public String convertToDatabaseColumn(InteractionStatus value) {
            return value == null ? null : value.dbValue();
        }

        @Override
        public InteractionStatus convertToEntityAttribute(String value) {
            return value == null ? null : fromDb(value);
        }
    }
}
