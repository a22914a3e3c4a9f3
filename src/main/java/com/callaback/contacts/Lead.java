package com.callaback.contacts;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.UpdateTimestamp;

import com.callaback.tenant.TenantScoped;

/** A contact the business may win: moves from new to contacted to qualified, then won or lost. */
@Entity
@Table(name = "leads")
public class Lead extends TenantScoped {

    @Column(name = "contact_id")
    public UUID contactId;
    public String status = "new";
    public String source = "missed_call";
    public String category = "LEAD";
    public String notes;
    @CreationTimestamp
    @Column(name = "created_at")
    public Instant createdAt;
    @UpdateTimestamp
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "closed_at")
    public Instant closedAt;

    public static Optional<Lead> findOpenFor(UUID contactId) {
        return find("contactId = ?1 and status in ('new', 'contacted', 'qualified')", contactId).firstResultOptional();
    }
}
