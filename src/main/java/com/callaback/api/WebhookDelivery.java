package com.callaback.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import com.callaback.tenant.TenantScoped;

/**
 * One event on its way to one endpoint: written with the event (by a trigger), delivered after commit. Its JSON
 * payload is read as text by the dispatcher only, so the entity leaves it out.
 */
@Entity
@Table(name = "webhook_deliveries")
public class WebhookDelivery extends TenantScoped {

    @Column(name = "endpoint_id")
    public UUID endpointId;
    @Column(name = "event_type")
    public String eventType;
    public String status;
    public int attempts;
    @Column(name = "max_attempts")
    public int maxAttempts;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "claimed_by")
    public String claimedBy;
    @Column(name = "lease_expires_at")
    public Instant leaseExpiresAt;
    @Column(name = "last_status_code")
    public Integer lastStatusCode;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;
    @Column(name = "delivered_at")
    public Instant deliveredAt;

    public static List<WebhookDelivery> recent(int limit) {
        return find("order by createdAt desc, id desc").range(0, limit - 1).list();
    }
}
