package com.callaback.contacts;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.UpdateTimestamp;

import com.callaback.tenant.TenantScoped;

/** A contact the business may win: moves from new to contacted to qualified, then won or lost. */
// Only changed columns are written: a save never puts back a value another transaction changed meanwhile
// (a STOP that opted the contact out, a worker's status).
@DynamicUpdate
@Entity
@Table(name = "leads")
public class Lead extends TenantScoped {

    @Column(name = "contact_id")
    public UUID contactId;
    @Convert(converter = LeadStatus.Column.class)
    public LeadStatus status = LeadStatus.NEW;
    public String source = "missed_call";
    @Enumerated(EnumType.STRING)
    public LeadCategory category = LeadCategory.LEAD;
    @Convert(converter = LeadPriority.Column.class)
    public LeadPriority priority = LeadPriority.NORMAL;
    /** What the lead is worth to the business, in cents; null when nobody has said. */
    @Column(name = "value_cents")
    public Long valueCents;
    public String notes;
    @CreationTimestamp
    @Column(name = "created_at")
    public Instant createdAt;
    @UpdateTimestamp
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "closed_at")
    public Instant closedAt;

    public boolean open() {
        return status.open();
    }

    public static Optional<Lead> findOpenFor(UUID contactId) {
        return find("contactId = ?1 and status in ?2", contactId, LeadStatus.OPEN).firstResultOptional();
    }

    public static long countOpen() {
        return count("status in ?1", LeadStatus.OPEN);
    }
}
