package com.callaback.tenant;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostUpdate;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;

import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.arc.Arc;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A business (or an agency running client businesses): global routing data and its settings. */
// Only changed columns are written: a save never puts back a value another transaction changed meanwhile
// (a STOP that opted the contact out, a worker's status).
@DynamicUpdate
@Entity
@Table(name = "tenants")
public class Tenant extends PanacheEntityBase {

    public enum Kind {
        business, agency
    }

    @Id
    public UUID id;

    public String name;
    public String slug;
    @Column(name = "kind")
    public String kind = Kind.business.name();
    @Column(name = "agency_id")
    public UUID agencyId;
    public String status = "active";
    public String timezone = "America/New_York";
    @Column(name = "forwarding_phone")
    public String forwardingPhone;
    @Column(name = "requested_area_code")
    public String requestedAreaCode;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "business_hours")
    public String businessHours;
    @Column(name = "auto_reply_enabled")
    public boolean autoReplyEnabled = true;
    @Column(name = "auto_reply_text")
    public String autoReplyText;
    @Column(name = "auto_reply_delay_seconds")
    public int autoReplyDelaySeconds = 30;
    @Column(name = "help_text")
    public String helpText;
    /** What callers hear before the voicemail tone; null means the standard greeting naming the business. */
    @Column(name = "voicemail_greeting")
    public String voicemailGreeting;
    @Column(name = "quiet_hours_start")
    public LocalTime quietHoursStart = LocalTime.of(21, 0);
    @Column(name = "quiet_hours_end")
    public LocalTime quietHoursEnd = LocalTime.of(8, 0);
    @Column(name = "cooldown_hours")
    public int cooldownHours = 24;
    public String plan = "starter";
    @Column(name = "billing_status")
    public String billingStatus = "trialing";
    @Column(name = "stripe_customer_id")
    public String stripeCustomerId;
    @Column(name = "stripe_subscription_id")
    public String stripeSubscriptionId;
    @Column(name = "current_period_start")
    public Instant currentPeriodStart;
    @Column(name = "current_period_end")
    public Instant currentPeriodEnd;
    /** When the state applied last was read from Stripe: an older read is not applied over it. */
    @Column(name = "billing_synced_at")
    public Instant billingSyncedAt;
    /** Texts a trial may send; null when this business has no capped trial. */
    @Column(name = "trial_text_limit")
    public Integer trialTextLimit;
    /** Counted by the database as texts are recorded (V17 trigger), never written by the application. */
    @Column(name = "trial_texts_used", insertable = false, updatable = false)
    public int trialTextsUsed;
    @Column(name = "trial_started_by")
    public UUID trialStartedBy;
    /** A client business whose agency pays for it. */
    @Column(name = "paid_by_agency")
    public boolean paidByAgency;
    @Column(name = "provisioning_status")
    public String provisioningStatus = "none";
    @Column(name = "provisioning_step")
    public String provisioningStep;
    @Column(name = "provisioning_error")
    public String provisioningError;
    @Column(name = "provisioning_note")
    public String provisioningNote;
    @Column(name = "provisioning_attempts")
    public int provisioningAttempts;
    @Column(name = "provisioning_lease_until")
    public Instant provisioningLeaseUntil;
    @Column(name = "compliance_type")
    public String complianceType = "none";
    @Column(name = "compliance_status")
    public String complianceStatus = "not_required";
    @Column(name = "a2p_brand_sid")
    public String a2pBrandSid;
    @Column(name = "messaging_service_sid")
    public String messagingServiceSid;
    @Column(name = "compliance_checked_at")
    public Instant complianceCheckedAt;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Whether US carriers still block this business's texts until its registration is approved. */
    public boolean textingOnHold() {
        return textingOnHold(complianceStatus);
    }

    /** Whether a business in this registration state has its texts held until the registration is approved. */
    public static boolean textingOnHold(String complianceStatus) {
        return !"not_required".equals(complianceStatus) && !"approved".equals(complianceStatus);
    }

    /**
     * Whether the account's billing stops texts (past due, canceled, unpaid, or a trial whose texts are used up):
     * they are held, not lost.
     */
    public boolean billingStopsTexts() {
        return billingStopsTexts(billingStatus, trialTextLimit, trialTextsUsed);
    }

    /** A capped trial that has sent all its texts. */
    public boolean trialUsedUp() {
        return trialUsedUp(billingStatus, trialTextLimit, trialTextsUsed);
    }

    /** Whether a business in this billing state has its texts held until it pays. */
    public static boolean billingStopsTexts(String billingStatus, Integer trialTextLimit, int trialTextsUsed) {
        return "past_due".equals(billingStatus) || "canceled".equals(billingStatus) || "unpaid".equals(billingStatus)
                || trialUsedUp(billingStatus, trialTextLimit, trialTextsUsed);
    }

    private static boolean trialUsedUp(String billingStatus, Integer trialTextLimit, int trialTextsUsed) {
        return "trialing".equals(billingStatus) && trialTextLimit != null && trialTextsUsed >= trialTextLimit;
    }

    public boolean isAgency() {
        return Kind.agency.name().equals(kind);
    }

    public static Optional<Tenant> findBySlug(String slug) {
        return find("slug", slug).firstResultOptional();
    }

    public static List<Tenant> findClientsOf(UUID agencyId) {
        return list("agencyId = ?1 and status = 'active' order by name", agencyId);
    }

    /** The agency running the current business, as far as its client may know it (V28). */
    public record Agency(UUID id, String name, String stripeCustomerId, String stripeSubscriptionId) {
    }

    // Reads of other businesses' rows: row-level security admits only the current business (and an agency's
    // clients), so each goes through a narrow SECURITY DEFINER function (V28) that returns what its caller needs.

    /** The business with this slug, whichever it is: slugs are unique across businesses. */
    public static Optional<UUID> idBySlug(String slug) {
        return Optional.ofNullable((UUID) Panache.getEntityManager()
                .createNativeQuery("select tenant_id_by_slug(?1)").setParameter(1, slug).getSingleResult());
    }

    /** The name of the business whose free trial this person started, if they started one. */
    public static Optional<String> trialBusinessOf(UUID userId) {
        return Optional.ofNullable((String) Panache.getEntityManager()
                .createNativeQuery("select trial_business_of(?1)").setParameter(1, userId).getSingleResult());
    }

    /** The agency running the current business; empty for a business of its own. */
    public static Optional<Agency> agencyOfCurrent() {
        List<?> rows = Panache.getEntityManager().createNativeQuery(
                "select id, name, stripe_customer_id, stripe_subscription_id from agency_of_current_business()")
                .getResultList();
        return rows.stream().map(r -> (Object[]) r)
                .map(r -> new Agency((UUID) r[0], (String) r[1], (String) r[2], (String) r[3])).findFirst();
    }

    /** Every Stripe customer with a subscription, of every tenant (the usage reconciliation job). */
    @SuppressWarnings("unchecked")
    public static List<String> subscribedStripeCustomers() {
        return Panache.getEntityManager().createNativeQuery("select * from subscribed_stripe_customers()")
                .getResultList();
    }

    /** Businesses whose A2P registration Twilio is still reviewing, of every tenant (the compliance job). */
    @SuppressWarnings("unchecked")
    public static List<UUID> awaitingRegistration() {
        return Panache.getEntityManager().createNativeQuery("select * from businesses_awaiting_registration()")
                .getResultList();
    }

    @PrePersist
    void onCreate() {
        if (id == null) {
            id = UUID.randomUUID();
        }
        createdAt = updatedAt = Instant.now();
        if (isAgency() && "starter".equals(plan)) {
            plan = "agency"; // an agency runs client businesses: only the Agency plan has room for them
        }
        if (autoReplyText == null) {
            autoReplyText = "Sorry we missed your call! This is {business_name}. How can we help?";
        }
        if (helpText == null) {
            helpText = "{business_name}: reply STOP to opt out. For help call us back.";
        }
        if (businessHours == null) {
            businessHours = "{\"mon\":[\"09:00\",\"17:00\"],\"tue\":[\"09:00\",\"17:00\"],\"wed\":[\"09:00\",\"17:00\"],"
                    + "\"thu\":[\"09:00\",\"17:00\"],\"fri\":[\"09:00\",\"17:00\"]}";
        }
    }

    @PreUpdate
    void onUpdate() {
        updatedAt = Instant.now();
    }

    /** Tells whatever caches this business's settings to drop them once the change commits. */
    @PostUpdate
    void changed() {
        Arc.container().beanManager().getEvent().select(TenantChanged.class).fire(new TenantChanged(id));
    }
}
