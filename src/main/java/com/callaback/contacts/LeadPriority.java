package com.callaback.contacts;

import java.util.Locale;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** How urgently the team should work a lead. */
public enum LeadPriority {
    LOW("Low"), NORMAL("Normal"), HIGH("High");

    private final String label;

    LeadPriority(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean high() {
        return this == HIGH;
    }

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LeadPriority fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** Stores the priority as the lowercase word the database's check constraint lists. */
    @Converter
    public static class Column implements AttributeConverter<LeadPriority, String> {
        @Override
        public String convertToDatabaseColumn(LeadPriority priority) {
            return priority == null ? null : priority.dbValue();
        }

        @Override
        public LeadPriority convertToEntityAttribute(String value) {
            return value == null ? null : fromDb(value);
        }
    }
}
