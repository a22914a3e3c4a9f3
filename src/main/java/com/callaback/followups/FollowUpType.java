package com.callaback.followups;

import java.util.Locale;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * What a follow-up is: a text (automatic or written by a person) the dispatcher sends, or a call-back task a
 * person does, which is never sent.
 */
public enum FollowUpType {
    AUTO_SMS("Auto-reply text"), MANUAL_SMS("Text"), FOLLOW_UP_SMS("Follow-up text"), HELP_REPLY("HELP reply"),
    CALLBACK("Call back");

    private final String label;

    FollowUpType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Sent without a person deciding to: cooldown, conversation and quiet hours apply. */
    public boolean automatic() {
        return this == AUTO_SMS || this == FOLLOW_UP_SMS;
    }

    public boolean text() {
        return this != CALLBACK;
    }

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FollowUpType fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** Stores the type as the lowercase word the database's check constraint lists. */
    @Converter
    public static class Column implements AttributeConverter<FollowUpType, String> {
        @Override
        public String convertToDatabaseColumn(FollowUpType type) {
            return type == null ? null : type.dbValue();
        }

        @Override
        public FollowUpType convertToEntityAttribute(String value) {
            return value == null ? null : fromDb(value);
        }
    }
}
