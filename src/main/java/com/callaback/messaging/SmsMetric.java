package com.callaback.messaging;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.UpdateTimestamp;

import com.callaback.tenant.TenantScoped;

/** The delivery record of one outbound text: status, error, segments and price. */
@Entity
@Table(name = "sms_metrics")
public class SmsMetric extends TenantScoped {

    @Column(name = "contact_id")
    public UUID contactId;
    @Column(name = "follow_up_id")
    public UUID followUpId;
    @Column(name = "message_sid")
    public String messageSid;
    public String status = "queued";
    @Column(name = "is_delivered")
    public boolean delivered;
    @Column(name = "is_failed")
    public boolean failed;
    @Column(name = "error_code")
    public String errorCode;
    public Integer segments;
    public BigDecimal price;
    @Column(name = "price_unit")
    public String priceUnit;
    @Column(name = "sent_at")
    public Instant sentAt;
    @Column(name = "delivered_at")
    public Instant deliveredAt;
    @Column(name = "delivery_time_ms")
    public Long deliveryTimeMs;
    @Column(name = "details_fetched_at")
    public Instant detailsFetchedAt;
    @CreationTimestamp
    @Column(name = "created_at")
    public Instant createdAt;
    @UpdateTimestamp
    @Column(name = "updated_at")
    public Instant updatedAt;
}
