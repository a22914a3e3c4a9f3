package com.callaback.billing;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import com.callaback.tenant.TenantScoped;

/** A Stripe event already processed for a business: the idempotency ledger of Stripe webhooks. */
@Entity
@Table(name = "stripe_events")
public class StripeEvent extends TenantScoped {

    @Column(name = "event_id")
    public String eventId;
    public String type;
    @Column(name = "processed_at")
    public Instant processedAt = Instant.now();
}
