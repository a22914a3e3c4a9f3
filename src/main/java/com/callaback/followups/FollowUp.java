package com.callaback.followups;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.UpdateTimestamp;

import com.callaback.tenant.TenantScoped;

/** A text or call-back scheduled for a contact: the outbox row a dispatcher claims and sends. */
// Only changed columns are written: a save never puts back a value another transaction changed meanwhile
// (a STOP that opted the contact out, a worker's status).
@DynamicUpdate
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
    @Convert(converter = FollowUpType.Column.class)
    public FollowUpType type;
    @Convert(converter = FollowUpStatus.Column.class)
    public FollowUpStatus status = FollowUpStatus.PENDING;
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
    @Convert(converter = SkipReason.Column.class)
    public SkipReason skipReason;
    @Column(name = "message_sid")
    public String messageSid;
    @Column(name = "sent_at")
    public Instant sentAt;
    @Column(name = "created_by")
    public UUID createdBy;
    /** Who on the team is to make a call-back (callback tasks only). */
    @Column(name = "assigned_to")
    public UUID assignedTo;
    @CreationTimestamp
    @Column(name = "created_at")
    public Instant createdAt;
    @UpdateTimestamp
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Still to happen at {@code scheduledAt}: due, or held until its hold is lifted. */
    public boolean waiting() {
        return status == FollowUpStatus.PENDING || status == FollowUpStatus.HELD;
    }

    public boolean held() {
        return status == FollowUpStatus.HELD;
    }

    public boolean failed() {
        return status == FollowUpStatus.FAILED;
    }

    public boolean callback() {
        return type == FollowUpType.CALLBACK;
    }

    public boolean retryable() {
        return !callback() && FollowUpStatus.RETRYABLE.contains(status);
    }

    public boolean cancellable() {
        return FollowUpStatus.CANCELLABLE.contains(status);
    }

    public boolean reschedulable() {
        return FollowUpStatus.RESCHEDULABLE.contains(status);
    }

    /** A call-back task still to do. */
    public boolean completable() {
        return callback() && status == FollowUpStatus.PENDING;
    }

    /** Texts still waiting to go out to a contact (pending, or held by a billing stop). */
    public static long cancelWaitingFor(UUID contactId, SkipReason reason) {
        // Texts only: a call-back the customer asked for still stands after they stop texts.
        return update("status = ?1, skipReason = ?2, updatedAt = ?3 where contactId = ?4 and status in ?5 "
                + "and type <> ?6", FollowUpStatus.CANCELLED, reason, Instant.now(), contactId,
                FollowUpStatus.CANCELLABLE, FollowUpType.CALLBACK);
    }

    public static FollowUp schedule(UUID contactId, UUID leadId, FollowUpType type, String body, Instant at) {
        return schedule(contactId, leadId, null, type, body, at);
    }

    public static FollowUp schedule(UUID contactId, UUID leadId, UUID phoneNumberId, FollowUpType type, String body,
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

    /** Texts waiting to go out (call-back tasks are people's work, not texts). */
    public static long countPendingTexts() {
        return count("status = ?1 and type <> ?2", FollowUpStatus.PENDING, FollowUpType.CALLBACK);
    }
}
