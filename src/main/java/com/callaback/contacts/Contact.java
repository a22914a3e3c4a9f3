package com.callaback.contacts;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.UpdateTimestamp;

import com.callaback.tenant.TenantScoped;

/** A person who called or texted a business, known by their E.164 phone number. */
@Entity
@Table(name = "contacts")
public class Contact extends TenantScoped {

    public String phone;
    public String name;
    public String email;
    public String notes;
    public String source = "missed_call";
    @Column(name = "sms_opt_out")
    public boolean smsOptOut;
    @Column(name = "opted_out_at")
    public Instant optedOutAt;
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

    /** The name to greet the contact by in a text, if we know it. */
    public String displayName() {
        return name == null || name.isBlank() ? phone : name;
    }

    public void optOut() {
        if (!smsOptOut) {
            smsOptOut = true;
            optedOutAt = Instant.now();
        }
    }

    public void optIn() {
        smsOptOut = false;
        optedOutAt = null;
    }

    public static Optional<Contact> findByPhone(String e164) {
        return find("phone", e164).firstResultOptional();
    }
}
