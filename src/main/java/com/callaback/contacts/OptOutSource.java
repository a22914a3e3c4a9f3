package com.callaback.contacts;

import java.util.Locale;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Who stopped texts to a contact. A customer's STOP (or the carrier's 21610, which reports one) can only be undone
 * by the customer's START; a "do not text" the team set on its own can be lifted by the team.
 */
public enum OptOutSource {
    CUSTOMER, CARRIER, TEAM;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Maps the lowercase column to the enum. */
    @Converter
    public static class Column implements AttributeConverter<OptOutSource, String> {
        @Override
        public String convertToDatabaseColumn(OptOutSource value) {
            return value == null ? null : value.dbValue();
        }

        @Override
        public OptOutSource convertToEntityAttribute(String value) {
            return value == null ? null : valueOf(value.toUpperCase(Locale.ROOT));
        }
    }
}
