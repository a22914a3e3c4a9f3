package com.callaback.compliance;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import com.callaback.tenant.TenantScoped;

/** A fee Twilio charged for a business's registration, kept for billing to pass on (V31). */
@Entity
@Table(name = "registration_fees")
public class RegistrationFee extends TenantScoped {

    @Column(name = "registration_id")
    public UUID registrationId;
    public String item;
    @Column(name = "amount_cents")
    public int amountCents;
    @Column(name = "twilio_sid")
    public String twilioSid;
    @Column(name = "incurred_at")
    public Instant incurredAt = Instant.now();
    @Column(name = "billed_at")
    public Instant billedAt;

    /** Records the fee of this Twilio object unless it was recorded already (a resumed step). */
    public static void recordOnce(UUID registrationId, String item, int amountCents, String twilioSid) {
        if (amountCents <= 0 || count("twilioSid = ?1 and item = ?2", twilioSid, item) > 0) {
            return;
        }
        RegistrationFee fee = new RegistrationFee();
        fee.registrationId = registrationId;
        fee.item = item;
        fee.amountCents = amountCents;
        fee.twilioSid = twilioSid;
        fee.persist();
    }

    public static List<RegistrationFee> listForBusiness() {
        return list("order by incurredAt");
    }
}
