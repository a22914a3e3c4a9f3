package com.callaback.contacts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import com.callaback.tenant.TenantScoped;

/** One call, text or voicemail with a contact: the timeline of the business. */
// Only changed columns are written: a save never puts back a value another transaction changed meanwhile
// (a STOP that opted the contact out, a worker's status).
@DynamicUpdate
@Entity
@Table(name = "interactions")
public class Interaction extends TenantScoped {

    @Column(name = "contact_id")
    public UUID contactId;
    @Convert(converter = InteractionType.Column.class)
    public InteractionType type;
    @Convert(converter = Direction.Column.class)
    public Direction direction;
    @Convert(converter = InteractionStatus.Column.class)
    public InteractionStatus status = InteractionStatus.RECEIVED;
    @Column(name = "call_sid")
    public String callSid;
    @Column(name = "message_sid")
    public String messageSid;
    public String body;
    @Column(name = "media_count")
    public int mediaCount;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "media_urls")
    public List<String> mediaUrls = new ArrayList<>();
    @Column(name = "recording_url")
    public String recordingUrl;
    @Column(name = "duration_seconds")
    public Integer durationSeconds;
    public String category;
    @Column(name = "category_overridden")
    public boolean categoryOverridden;
    @Column(name = "phone_number_id")
    public UUID phoneNumberId;
    @Column(name = "call_routing")
    public String callRouting;
    @Column(name = "screened_at")
    public Instant screenedAt;
    @Column(name = "occurred_at")
    public Instant occurredAt = Instant.now();
    @CreationTimestamp
    @Column(name = "created_at")
    public Instant createdAt;

    public static java.util.Optional<Interaction> findByCallSid(String callSid) {
        return find("callSid", callSid).firstResultOptional();
    }

    public static java.util.Optional<Interaction> findByMessageSid(String messageSid) {
        return find("messageSid", messageSid).firstResultOptional();
    }

    /** Whether a person still has to see this call: it rang out, went to voicemail or was never screened. */
    public boolean isMissed() {
        return status == InteractionStatus.MISSED || status == InteractionStatus.VOICEMAIL;
    }

    public boolean isInbound() {
        return direction == Direction.INBOUND;
    }

    public boolean isOutbound() {
        return direction == Direction.OUTBOUND;
    }

    public boolean isCall() {
        return type == InteractionType.CALL || type == InteractionType.VOICEMAIL;
    }

    public boolean isText() {
        return type == InteractionType.SMS;
    }

    public boolean isAnswered() {
        return status == InteractionStatus.ANSWERED;
    }

    public boolean isRinging() {
        return status == InteractionStatus.RINGING;
    }

    /** The caller reached the voicemail greeting (by routing or because nobody picked up). */
    public boolean isVoicemail() {
        return status == InteractionStatus.VOICEMAIL || "voicemail".equals(callRouting) || recordingUrl != null;
    }

    public boolean isDelivered() {
        return status == InteractionStatus.DELIVERED;
    }

    /** An outbound text the carrier did not deliver. */
    public boolean isUndelivered() {
        return status == InteractionStatus.UNDELIVERED || status == InteractionStatus.FAILED;
    }

    /** Calls that rang out or went to voicemail: what the overview counts as missed. */
    public static long countMissedCalls() {
        return count("type = ?1 and status in ?2", InteractionType.CALL,
                List.of(InteractionStatus.MISSED, InteractionStatus.VOICEMAIL));
    }

    /** A person files this call or text under a category; the contact's open lead follows. */
    public void fileUnder(LeadCategory chosen) {
        category = chosen.name();
        categoryOverridden = true;
        Lead.findOpenFor(contactId).ifPresent(lead -> lead.category = chosen);
    }

    public static List<Interaction> listRecent(int limit) {
        return find("order by occurredAt desc").page(0, limit).list();
    }
}
