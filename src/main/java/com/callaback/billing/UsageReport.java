package com.callaback.billing;

import java.time.Instant;

import jakarta.persistence.Column;
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
    public String status = "pending";
    public int attempts;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "reported_at")
    public Instant reportedAt;
    @CreationTimestamp
    @Column(name = "created_at")
    public Instant createdAt;
}
