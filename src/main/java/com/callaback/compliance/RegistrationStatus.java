package com.callaback.compliance;

import java.util.Locale;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Where a business's texting registration stands, in the words the status page uses. */
public enum RegistrationStatus {
    DRAFT("Not submitted yet"),
    SUBMITTING("Being submitted"),
    PENDING("Under review"),
    APPROVED("Approved"),
    FAILED("Rejected");

    private final String label;

    RegistrationStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Stored as the lowercase word V30's check constraint lists. */
    @Converter
    public static class Column implements AttributeConverter<RegistrationStatus, String> {
        @Override
        public String convertToDatabaseColumn(RegistrationStatus status) {
            return status == null ? null : status.dbValue();
        }

        @Override
        public RegistrationStatus convertToEntityAttribute(String value) {
            return value == null ? null : valueOf(value.toUpperCase(Locale.ROOT));
        }
    }
}
