package com.callaback.contacts;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.UpdateTimestamp;
import org.hibernate.type.SqlTypes;

import com.callaback.tenant.TenantScoped;

/** A person who called or texted a business, known by their E.164 phone number. */
// Only changed columns are written: a save never puts back a value another transaction changed meanwhile
// (a STOP that opted the contact out, a worker's status).
@DynamicUpdate
@Entity
@Table(name = "contacts")
public class Contact extends TenantScoped {

    public String phone;
    public String name;
    public String email;
    public String notes;
    public String company;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] tags = new String[0];
    public String source = "missed_call";
    @Column(name = "sms_opt_out")
    public boolean smsOptOut;
    @Column(name = "opted_out_at")
    public Instant optedOutAt;
    @Convert(converter = OptOutSource.Column.class)
    @Column(name = "opt_out_source")
    public OptOutSource optOutSource;
    @Column(name = "phone_invalid")
    public boolean phoneInvalid;
    @Column(name = "last_contacted_at")
    public Instant lastContactedAt;
    @CreationTimestamp
    @Column(name = "created_at")
    public Instant createdAt;
    @UpdateTimestamp
    @Column(name = "updated_at")
    public Instant updatedAt;

    // The thread summary is written only by the database (a trigger on interactions, and marking read), never by
    // a flush of this entity, so a contact loaded before a new interaction cannot overwrite it with stale values.
    @Column(name = "last_activity_at", insertable = false, updatable = false)
    public Instant lastActivityAt;
    @Column(name = "last_interaction_id", insertable = false, updatable = false)
    public UUID lastInteractionId;
    @Column(name = "last_inbound_at", insertable = false, updatable = false)
    public Instant lastInboundAt;
    @Column(name = "team_read_at", insertable = false, updatable = false)
    public Instant teamReadAt;

    /** The name to greet the contact by in a text, if we know it. */
    public String displayName() {
        return name == null || name.isBlank() ? phone : name;
    }

    /** An inbound call or text arrived since someone in the team last opened the thread. */
    public boolean isUnread() {
        return lastInboundAt != null && (teamReadAt == null || lastInboundAt.isAfter(teamReadAt));
    }

    public void optOut(OptOutSource source) {
        if (!smsOptOut) {
            smsOptOut = true;
            optedOutAt = Instant.now();
            optOutSource = source;
        } else if (source != OptOutSource.TEAM) {
            // The customer's own STOP outranks the team's mark: from now on only their START undoes it.
            optOutSource = source;
        }
    }

    public void optIn() {
        smsOptOut = false;
        optedOutAt = null;
        optOutSource = null;
    }

    /** Whether the team may lift the opt-out: only one it set itself, never a customer's STOP. */
    public boolean optOutLiftableByTeam() {
        return smsOptOut && optOutSource == OptOutSource.TEAM;
    }

    public static Optional<Contact> findByPhone(String e164) {
        return find("phone", e164).firstResultOptional();
    }
}
