package com.callaback.contacts;

import java.util.Locale;
import java.util.Set;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** The pipeline a lead moves through: open while new, contacted or qualified; closed when won or lost. */
public enum LeadStatus {
    NEW("New"), CONTACTED("Contacted"), QUALIFIED("Qualified"), WON("Won"), LOST("Lost");

    /** The statuses the partial unique index {@code leads_open_per_contact_idx} allows once per contact. */
    public static final Set<LeadStatus> OPEN = Set.of(NEW, CONTACTED, QUALIFIED);

    private final String label;

    LeadStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean open() {
        return OPEN.contains(this);
    }

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LeadStatus fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** Stores the status as the lowercase word the database's check constraint lists. */
    @Converter
    public static class Column implements AttributeConverter<LeadStatus, String> {
        @Override
        public String convertToDatabaseColumn(LeadStatus status) {
            return status == null ? null : status.dbValue();
        }

        @Override
        public LeadStatus convertToEntityAttribute(String value) {
            return value == null ? null : fromDb(value);
        }
    }
}
