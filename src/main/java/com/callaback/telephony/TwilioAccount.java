package com.callaback.telephony;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.UpdateTimestamp;

import com.callaback.tenant.TenantScoped;

/** A business's Twilio subaccount; its auth token is kept encrypted at rest. */
@Entity
@Table(name = "twilio_accounts")
public class TwilioAccount extends TenantScoped {

    @Column(name = "subaccount_sid")
    public String subaccountSid;
    @Column(name = "auth_token_encrypted")
    public String authTokenEncrypted;
    @Column(name = "friendly_name")
    public String friendlyName;
    public String status = "active";
    @Column(name = "is_simulated")
    public boolean simulated;
    /** Imported by the operator: the customer's own subaccount, never closed at Twilio by this platform. */
    @Column(name = "is_imported")
    public boolean imported;
    @CreationTimestamp
    @Column(name = "created_at")
    public Instant createdAt;
    @UpdateTimestamp
    @Column(name = "updated_at")
    public Instant updatedAt;

    public static java.util.Optional<TwilioAccount> findActive() {
        return find("status = 'active' order by createdAt").firstResultOptional();
    }
}
