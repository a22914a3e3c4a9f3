package com.callaback.dashboard.alert;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import com.callaback.tenant.TenantScoped;

/**
 * One alert sent outside the app, recorded before it is sent: a row left {@code sending} by a crash is never sent
 * again, so nobody gets the same alert twice.
 */
@Entity
@Table(name = "alert_deliveries")
public class AlertDelivery extends TenantScoped {

    /** Where a delivery stands. */
    public enum Status {
        SENDING, SENT, FAILED;

        /** Stored as its lower-case name, as the database's check constraint spells it. */
        public static class DbValue implements AttributeConverter<Status, String> {
            @Override
            public String convertToDatabaseColumn(Status status) {
                return status == null ? null : status.name().toLowerCase(Locale.ROOT);
            }

            @Override
            public Status convertToEntityAttribute(String value) {
                return value == null ? null : valueOf(value.toUpperCase(Locale.ROOT));
            }
        }
    }

    /** The person an email went to; null for a text, which goes to the business's forwarding phone. */
    @Column(name = "user_id")
    public UUID userId;
    @Convert(converter = AlertChannel.DbValue.class)
    public AlertChannel channel;
    public String destination;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "notification_ids")
    public UUID[] notificationIds;
    @Convert(converter = Status.DbValue.class)
    public Status status = Status.SENDING;
    public String error;
    @CreationTimestamp
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "sent_at")
    public Instant sentAt;

    static AlertDelivery record(AlertChannel channel, UUID userId, String destination, UUID[] notificationIds) {
        AlertDelivery delivery = new AlertDelivery();
        delivery.channel = channel;
        delivery.userId = userId;
        delivery.destination = destination;
        delivery.notificationIds = notificationIds;
        delivery.persist();
        return delivery;
    }

    void sent() {
        status = Status.SENT;
        sentAt = Instant.now();
    }

    void failed(String reason) {
        status = Status.FAILED;
        error = reason == null || reason.length() <= 500 ? reason : reason.substring(0, 500);
    }
}
