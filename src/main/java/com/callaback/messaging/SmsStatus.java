package com.callaback.messaging;

import java.util.Locale;
import java.util.Optional;

/**
 * The lifecycle of an outbound text. It only moves forward ({@code queued < sending < sent < delivered});
 * {@code delivered}, {@code undelivered} and {@code failed} are final, so a late {@code sent} changes nothing.
 */
public enum SmsStatus {
    QUEUED(0), SENDING(1), SENT(2), DELIVERED(3), UNDELIVERED(3), FAILED(3);

    private final int rank;

    SmsStatus(int rank) {
        this.rank = rank;
    }

    public boolean isFinal() {
        return rank == 3;
    }

    public boolean isAfter(SmsStatus other) {
        return rank > other.rank;
    }

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Twilio's MessageStatus values for outbound texts; inbound-only ones (received, receiving) are empty. */
    public static Optional<SmsStatus> fromTwilio(String value) {
        return switch (value == null ? "" : value.toLowerCase(Locale.ROOT)) {
            case "accepted", "scheduled", "queued" -> Optional.of(QUEUED);
            case "sending" -> Optional.of(SENDING);
            case "sent" -> Optional.of(SENT);
            case "delivered", "read" -> Optional.of(DELIVERED);
            case "undelivered" -> Optional.of(UNDELIVERED);
            case "failed", "canceled" -> Optional.of(FAILED);
            default -> Optional.empty();
        };
    }

    public static SmsStatus fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
