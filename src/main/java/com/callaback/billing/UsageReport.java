package com.callaback.billing;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.CreationTimestamp;

import com.callaback.tenant.TenantScoped;

/** Our own ledger of SMS segments reported to Stripe as meter events, one per message. */
@Entity
@Table(name = "usage_reports")
public class UsageReport extends TenantScoped {

    @Column(name = "message_sid")
    public String messageSid;
    public int segments;
    @Column(name = "period_start")
    public Instant periodStart;
    @Convert(converter = UsageStatus.Column.class)
    public UsageStatus status = UsageStatus.PENDING;
    public int attempts;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "reported_at")
    public Instant reportedAt;
    /** The customer it was reported against: the business's own, or its agency's. */
    @Column(name = "stripe_customer_id")
    public String stripeCustomerId;
    @Column(name = "claimed_by")
    public String claimedBy;
    @Column(name = "lease_expires_at")
    public Instant leaseExpiresAt;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt = Instant.now();
    /** When the text was sent: the meter event's timestamp. */
    @Column(name = "occurred_at")
    public Instant occurredAt = Instant.now();
    @CreationTimestamp
    @Column(name = "created_at")
    public Instant createdAt;
}
