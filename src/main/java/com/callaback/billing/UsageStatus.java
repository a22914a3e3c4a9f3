package com.callaback.billing;

import java.util.Locale;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Where a usage_reports row is: waiting to be reported, done (to Stripe or locally), or given up on. */
public enum UsageStatus {
    /** Not reported yet; the usage job claims it when its next attempt is due. */
    PENDING,
    /** Stripe accepted the meter event. */
    REPORTED,
    /** Local billing mode: counted here, never sent. */
    LOCAL,
    /** No paying customer (a trial): never reported. */
    NOT_BILLED,
    /** The text turned undelivered or failed before it was reported: never billed. */
    CANCELLED,
    /** Every attempt failed: a person looks at it (docs/billing.md). */
    FAILED;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Stores the status as the lowercase word the database's check constraint lists. */
    @Converter
    public static class Column implements AttributeConverter<UsageStatus, String> {
        @Override
        public String convertToDatabaseColumn(UsageStatus status) {
            return status == null ? null : status.dbValue();
        }

        @Override
        public UsageStatus convertToEntityAttribute(String value) {
            return value == null ? null : valueOf(value.toUpperCase(Locale.ROOT));
        }
    }
}
