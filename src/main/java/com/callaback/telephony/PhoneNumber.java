package com.callaback.telephony;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.CreationTimestamp;

import com.callaback.tenant.TenantScoped;

/** A number a business owns; while active, its E.164 form routes Twilio webhooks to the business. */
@Entity
@Table(name = "phone_numbers")
public class PhoneNumber extends TenantScoped {

    public String e164;
    @Column(name = "twilio_sid")
    public String twilioSid;
    @Column(name = "twilio_account_id")
    public UUID twilioAccountId;
    public String status = "active";
    @Column(name = "is_simulated")
    public boolean simulated;
    @Column(name = "number_type")
    public String numberType = "local";
    @Column(name = "configured_at")
    public Instant configuredAt;
    @CreationTimestamp
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "released_at")
    public Instant releasedAt;

    public static Optional<PhoneNumber> findFirstActive() {
        return find("status = 'active' order by createdAt").firstResultOptional();
    }

    public static Optional<PhoneNumber> findActiveByE164(String e164) {
        return find("e164 = ?1 and status = 'active'", e164).firstResultOptional();
    }

    public static List<PhoneNumber> listActive() {
        return list("status = 'active' order by createdAt");
    }
}
