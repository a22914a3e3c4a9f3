package com.callaback.followups;

import java.util.Locale;
import java.util.Set;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Where a follow-up is in its life: waiting, being sent, settled, or a call-back task done. */
public enum FollowUpStatus {
    PENDING("Due"), SENDING("Sending"), SENT("Sent"), FAILED("Failed"), CANCELLED("Cancelled"),
    SKIPPED("Skipped"), HELD("On hold"), DONE("Done");

    /** What a person may still act on: a row the dispatcher holds ({@link #SENDING}) is never in these. */
    public static final Set<FollowUpStatus> RETRYABLE = Set.of(FAILED, HELD);
    public static final Set<FollowUpStatus> CANCELLABLE = Set.of(PENDING, HELD);
    public static final Set<FollowUpStatus> RESCHEDULABLE = Set.of(PENDING, HELD, FAILED);
    /** Settled rows the page lists as recent. */
    public static final Set<FollowUpStatus> FINISHED = Set.of(SENT, CANCELLED, SKIPPED, DONE);

    private final String label;

    FollowUpStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FollowUpStatus fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** Stores the status as the lowercase word the database's check constraint lists. */
    @Converter
    public static class Column implements AttributeConverter<FollowUpStatus, String> {
        @Override
        public String convertToDatabaseColumn(FollowUpStatus status) {
            return status == null ? null : status.dbValue();
        }

        @Override
        public FollowUpStatus convertToEntityAttribute(String value) {
            return value == null ? null : fromDb(value);
        }
    }
}
