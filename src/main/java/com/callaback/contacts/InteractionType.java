package com.callaback.contacts;

import java.util.Locale;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** What an interaction was: a call, a text, a voicemail or a note. Stored lowercase ("call", "sms"...). */
public enum InteractionType {
    CALL, SMS, VOICEMAIL, NOTE;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static InteractionType fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** The stored value, so a page printing a type reads "call", not "CALL". */
    @Override
    public String toString() {
        return dbValue();
    }

    /** Maps the lowercase column to the enum. */
    @Converter
    public static class Column implements AttributeConverter<InteractionType, String> {
        @Override
        public String convertToDatabaseColumn(InteractionType value) {
            return value == null ? null : value.dbValue();
        }

        @Override
        public InteractionType convertToEntityAttribute(String value) {
            return value == null ? null : fromDb(value);
        }
    }
}
