package com.callaback.contacts;

import java.util.Locale;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Which way a call or text went, seen from the business. Stored lowercase ("inbound", "outbound"). */
public enum Direction {
    INBOUND, OUTBOUND;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Direction fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** The stored value, so a page printing a direction reads "inbound", not "INBOUND". */
    @Override
    public String toString() {
        return dbValue();
    }

    /** Maps the lowercase column to the enum. */
    @Converter
    public static class Column implements AttributeConverter<Direction, String> {
        @Override
        public String convertToDatabaseColumn(Direction value) {
            return value == null ? null : value.dbValue();
        }

        @Override
        public Direction convertToEntityAttribute(String value) {
            return value == null ? null : fromDb(value);
        }
    }
}
