package com.callaback.followups;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.UpdateTimestamp;

import com.callaback.tenant.TenantScoped;

/** A text or call-back scheduled for a contact: the outbox row a dispatcher claims and sends. */
@Entity
@Table(name = "follow_ups")
public class FollowUp extends TenantScoped {

    @Column(name = "contact_id")
    public UUID contactId;
    @Column(name = "lead_id")
    public UUID leadId;
    /** The business number to text from: the one the customer called or texted. */
    @Column(name = "phone_number_id")
    public UUID phoneNumberId;
    public String type;
    public String status = "pending";
    public String body;
    @Column(name = "scheduled_at")
    public Instant scheduledAt;
    public int attempts;
    @Column(name = "max_attempts")
    public int maxAttempts = 5;
    @Column(name = "lease_expires_at")
    public Instant leaseExpiresAt;
    @Column(name = "claimed_by")
    public String claimedBy;
    @Column(name = "last_error_code")
    public String lastErrorCode;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "skip_reason")
    public String skipReason;
    @Column(name = "message_sid")
    public String messageSid;
    @Column(name = "sent_at")
    public Instant sentAt;
    @Column(name = "created_by")
    public UUID createdBy;
    @CreationTimestamp
    @Column(name = "created_at")
    public Instant createdAt;
    @UpdateTimestamp
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Texts still waiting to go out to a contact (pending, or held by a billing stop). */
    public static long cancelWaitingFor(UUID contactId, String reason) {
        return update("status = 'cancelled', skipReason = ?1, updatedAt = ?2 where contactId = ?3 "
                + "and status in ('pending', 'held')", reason, Instant.now(), contactId);
    }

    public static FollowUp schedule(UUID contactId, UUID leadId, String type, String body, Instant at) {
        return schedule(contactId, leadId, null, type, body, at);
    }

    public static FollowUp schedule(UUID contactId, UUID leadId, UUID phoneNumberId, String type, String body,
            Instant at) {
        FollowUp followUp = new FollowUp();
        followUp.phoneNumberId = phoneNumberId;
        followUp.contactId = contactId;
        followUp.leadId = leadId;
        followUp.type = type;
        followUp.body = body;
        followUp.scheduledAt = at;
        followUp.persist();
        return followUp;
    }

    public static long countPending() {
        return count("status", "pending");
    }
}
