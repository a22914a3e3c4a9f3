package com.callaback.compliance;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;

import org.hibernate.annotations.DynamicUpdate;

import com.callaback.tenant.TenantScoped;

/**
 * A business's US texting registration: the owner's answers, the SID of each object already created at Twilio
 * (so a resumed submission skips it), and what the reviewers said.
 */
@DynamicUpdate
@Entity
@Table(name = "texting_registrations")
public class TextingRegistration extends TenantScoped {

    public static final String A2P = "a2p_10dlc";
    public static final String TOLL_FREE = "toll_free";
    public static final String COMPANY = "company";
    public static final String SOLE_PROPRIETOR = "sole_proprietor";

    public String kind;
    @Convert(converter = RegistrationStatus.Column.class)
    public RegistrationStatus status = RegistrationStatus.DRAFT;
    @Column(name = "business_type")
    public String businessType;
    @Column(name = "legal_name")
    public String legalName;
    public String ein;
    public String street;
    public String city;
    public String region;
    @Column(name = "postal_code")
    public String postalCode;
    public String website;
    @Column(name = "contact_first_name")
    public String contactFirstName;
    @Column(name = "contact_last_name")
    public String contactLastName;
    @Column(name = "contact_email")
    public String contactEmail;
    @Column(name = "contact_phone")
    public String contactPhone;
    @Column(name = "contact_title")
    public String contactTitle;
    @Column(name = "use_case")
    public String useCase;
    public String description;
    @Column(name = "sample_message_1")
    public String sampleMessage1;
    @Column(name = "sample_message_2")
    public String sampleMessage2;
    @Column(name = "message_flow")
    public String messageFlow;
    @Column(name = "consented_by")
    public java.util.UUID consentedBy;
    @Column(name = "consented_at")
    public Instant consentedAt;
    @Column(name = "fee_cents")
    public int feeCents;

    @Column(name = "business_info_sid")
    public String businessInfoSid;
    @Column(name = "representative_sid")
    public String representativeSid;
    @Column(name = "address_sid")
    public String addressSid;
    @Column(name = "address_document_sid")
    public String addressDocumentSid;
    @Column(name = "customer_profile_sid")
    public String customerProfileSid;
    @Column(name = "profile_assigned_at")
    public Instant profileAssignedAt;
    @Column(name = "profile_submitted_at")
    public Instant profileSubmittedAt;
    @Column(name = "a2p_profile_sid")
    public String a2pProfileSid;
    @Column(name = "trust_product_sid")
    public String trustProductSid;
    @Column(name = "trust_product_assigned_at")
    public Instant trustProductAssignedAt;
    @Column(name = "trust_product_submitted_at")
    public Instant trustProductSubmittedAt;
    @Column(name = "brand_sid")
    public String brandSid;
    @Column(name = "messaging_service_sid")
    public String messagingServiceSid;
    @Column(name = "service_numbers_added_at")
    public Instant serviceNumbersAddedAt;
    @Column(name = "campaign_sid")
    public String campaignSid;
    @Column(name = "tollfree_number_sid")
    public String tollfreeNumberSid;
    @Column(name = "tollfree_verification_sid")
    public String tollfreeVerificationSid;

    @Column(name = "brand_status")
    public String brandStatus;
    @Column(name = "campaign_status")
    public String campaignStatus;
    @Column(name = "tollfree_status")
    public String tollfreeStatus;
    @Column(name = "rejection_reason")
    public String rejectionReason;

    public String step;
    @Column(name = "step_error")
    public String stepError;
    public int attempts;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt = Instant.now();
    @Column(name = "claimed_by")
    public String claimedBy;
    @Column(name = "lease_expires_at")
    public Instant leaseExpiresAt;
    @Column(name = "submitted_at")
    public Instant submittedAt;
    @Column(name = "checked_at")
    public Instant checkedAt;
    @Column(name = "approved_at")
    public Instant approvedAt;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The current business's registration, if the owner started one. */
    public static Optional<TextingRegistration> current() {
        return findAll().firstResultOptional();
    }

    public boolean tollFree() {
        return TOLL_FREE.equals(kind);
    }

    public boolean soleProprietor() {
        return SOLE_PROPRIETOR.equals(businessType);
    }

    /** Whether the owner may change the answers: before submitting, and after a rejection. */
    public boolean editable() {
        return status == RegistrationStatus.DRAFT || status == RegistrationStatus.FAILED;
    }

    public boolean approved() {
        return status == RegistrationStatus.APPROVED;
    }

    public boolean failed() {
        return status == RegistrationStatus.FAILED;
    }

    /** Waiting on Twilio or the carriers' reviewers, submitted or not yet fully. */
    public boolean inProgress() {
        return status == RegistrationStatus.SUBMITTING || status == RegistrationStatus.PENDING;
    }

    /** The state in plain words for the owner, with what happens next. */
    public String explanation() {
        String what = tollFree() ? "toll-free verification" : "registration";
        return switch (status) {
            case DRAFT -> "Your answers are saved but not submitted.";
            case SUBMITTING -> stepError == null ? "We are sending your " + what + " to Twilio."
                    : "Sending your " + what + " to Twilio stopped after the " + stepLabel() + " step; we retry "
                            + "automatically. (" + stepError + ")";
            case PENDING -> tollFree() ? "Twilio is reviewing your toll-free verification (usually 1 to 5 business "
                    + "days)." : brandApproved() ? "Your brand is approved; the carriers are reviewing your campaign "
                            + "(usually 1 to 3 weeks)." : "The Campaign Registry is reviewing your brand (usually a "
                                    + "few minutes to 7 days); the campaign is submitted as soon as it is approved.";
            case APPROVED -> "Approved: your texts go out through your registered messaging service.";
            case FAILED -> "Rejected. Correct the details below and submit again; texts wait meanwhile.";
        };
    }

    /** A review state Twilio reports (brand, campaign or toll-free), in the owner's words. */
    public static String inWords(String twilioStatus, String notYet) {
        if (twilioStatus == null) {
            return notYet;
        }
        return switch (twilioStatus) {
            case "APPROVED", "VERIFIED", "TWILIO_APPROVED" -> "Approved";
            case "FAILED", "TWILIO_REJECTED" -> "Rejected";
            case "SUSPENDED" -> "Suspended by the carriers";
            default -> "Under review";
        };
    }

    public String brandInWords() {
        return inWords(brandStatus, "Not submitted yet");
    }

    public String campaignInWords() {
        return inWords(campaignStatus, "Submitted once the brand is approved");
    }

    public String tollFreeInWords() {
        return inWords(tollfreeStatus, "Not submitted yet");
    }

    public boolean brandApproved() {
        return "APPROVED".equals(brandStatus);
    }

    /** The step in words: where a submission stopped. */
    public String stepLabel() {
        return step == null ? "start" : step.replace('_', ' ');
    }

    @PrePersist
    void onCreate() {
        createdAt = updatedAt = Instant.now();
    }

    @PreUpdate
    void onUpdate() {
        updatedAt = Instant.now();
    }
}
