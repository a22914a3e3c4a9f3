package com.callaback.dashboard.alert;

import java.util.Locale;

import jakarta.persistence.AttributeConverter;

/** How an alert reaches a person outside the app. */
public enum AlertChannel {
    EMAIL, TEXT;

    /** Stored as its lower-case name, as the database's check constraint spells it. */
    public static class DbValue implements AttributeConverter<AlertChannel, String> {
        @Override
        public String convertToDatabaseColumn(AlertChannel channel) {
            return channel == null ? null : channel.name().toLowerCase(Locale.ROOT);
        }

        @Override
        public AlertChannel convertToEntityAttribute(String value) {
            return value == null ? null : valueOf(value.toUpperCase(Locale.ROOT));
        }
    }
}
