package com.callaback.compliance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.callaback.telephony.PhoneNumber;
import com.callaback.telephony.TwilioAccountCredentials;
import com.callaback.telephony.TwilioFailure;
import com.callaback.telephony.TwilioGateway;
import com.callaback.tenant.TenantScope;
import com.callaback.web.PlatformConfig;

/**
 * Takes a registration as far as it can go now, with no transaction open: the steps at Twilio still missing (each
 * SID committed the moment it exists, so an interruption resumes at the next step), then the reviews read back.
 * A2P 10DLC: business details, address, customer profile, A2P trust bundle, brand, messaging service with the
 * numbers, and once the brand is approved the campaign. Toll-free: the verification of the toll-free number.
 */
@ApplicationScoped
public class RegistrationSteps {

    @Inject
    TenantScope tenantScope;
    @Inject
    TwilioAccountCredentials credentials;
    @Inject
    RegistrationGateway gateway;
    @Inject
    ComplianceConfig config;
    @Inject
    PlatformConfig platform;

    /** Where the registration stands after this round; the reason when a reviewer rejected it. */
    public record Progress(RegistrationStatus status, String brandStatus, String campaignStatus, String tollfreeStatus,
            String reason) {
    }

    /** Throws {@link TwilioFailure} naming the step that failed; the SIDs of the steps before it are kept. */
    public Progress advance(UUID tenantId, UUID registrationId) {
        TwilioGateway.Credentials account = tenantScope.call(tenantId, () -> credentials.forNumber(null));
        if (account == null) {
            throw new TwilioFailure("The business's Twilio account is not set up yet", null, null, true, null);
        }
        TextingRegistration r = tenantScope.call(tenantId, () -> TextingRegistration.findById(registrationId));
        return r.tollFree() ? tollFree(tenantId, account, r) : a2p(tenantId, account, r);
    }

    private Progress a2p(UUID tenantId, TwilioGateway.Credentials account, TextingRegistration r) {
        String tag = tag(r);
        String email = config.notificationEmail().orElse(r.contactEmail);
        if (r.businessInfoSid == null) {
            String sid = gateway.ensureEndUser(account, tag + " business", r.soleProprietor()
                    ? "starter_customer_profile_information" : "customer_profile_business_information",
                    businessInfo(r));
            save(tenantId, r, "business_info", x -> x.businessInfoSid = sid);
        }
        if (r.representativeSid == null && !r.soleProprietor()) {
            String sid = gateway.ensureEndUser(account, tag + " representative", "authorized_representative_1",
                    representative(r));
            save(tenantId, r, "representative", x -> x.representativeSid = sid);
        }
        if (r.addressSid == null) {
            String sid = gateway.ensureAddress(account, tag + " address", r.legalName, r.street, r.city, r.region,
                    r.postalCode);
            save(tenantId, r, "address", x -> x.addressSid = sid);
        }
        if (r.addressDocumentSid == null) {
            String sid = gateway.ensureAddressDocument(account, tag + " address document", r.addressSid);
            save(tenantId, r, "address_document", x -> x.addressDocumentSid = sid);
        }
        if (r.customerProfileSid == null) {
            String sid = gateway.ensureCustomerProfile(account, tag + " profile", email, r.soleProprietor()
                    ? config.starterProfilePolicy() : config.secondaryProfilePolicy(), statusCallback());
            save(tenantId, r, "customer_profile", x -> x.customerProfileSid = sid);
        }
        if (r.profileAssignedAt == null) {
            List<String> objects = new ArrayList<>(List.of(r.businessInfoSid, r.addressDocumentSid));
            if (r.representativeSid != null) {
                objects.add(r.representativeSid);
            }
            config.primaryCustomerProfileSid().ifPresent(objects::add);
            gateway.assignToCustomerProfile(account, r.customerProfileSid, objects);
            Instant now = Instant.now();
            save(tenantId, r, "customer_profile_filled_in", x -> x.profileAssignedAt = now);
        }
        if (r.profileSubmittedAt == null) {
            gateway.submitCustomerProfile(account, r.customerProfileSid);
            Instant now = Instant.now();
            save(tenantId, r, "customer_profile_submitted", x -> x.profileSubmittedAt = now);
        }
        if (r.a2pProfileSid == null && !r.soleProprietor()) {
            String sid = gateway.ensureEndUser(account, tag + " a2p", "us_a2p_messaging_profile_information",
                    Map.of("company_type", "private"));
            save(tenantId, r, "a2p_profile", x -> x.a2pProfileSid = sid);
        }
        if (r.trustProductSid == null) {
            String sid = gateway.ensureTrustProduct(account, tag + " a2p bundle", email, r.soleProprietor()
                    ? config.soleProprietorTrustProductPolicy() : config.a2pTrustProductPolicy(), statusCallback());
            save(tenantId, r, "trust_product", x -> x.trustProductSid = sid);
        }
        if (r.trustProductAssignedAt == null) {
            List<String> objects = new ArrayList<>(List.of(r.customerProfileSid));
            if (r.a2pProfileSid != null) {
                objects.add(r.a2pProfileSid);
            }
            gateway.assignToTrustProduct(account, r.trustProductSid, objects);
            Instant now = Instant.now();
            save(tenantId, r, "trust_product_filled_in", x -> x.trustProductAssignedAt = now);
        }
        if (r.trustProductSubmittedAt == null) {
            gateway.submitTrustProduct(account, r.trustProductSid);
            Instant now = Instant.now();
            save(tenantId, r, "trust_product_submitted", x -> x.trustProductSubmittedAt = now);
        }
        if (r.brandSid == null) {
            String sid = gateway.ensureBrand(account, r.customerProfileSid, r.trustProductSid,
                    r.soleProprietor() ? "SOLE_PROPRIETOR" : "STANDARD");
            int fee = r.soleProprietor() ? config.soleProprietorBrandFeeCents() : config.standardBrandFeeCents();
            save(tenantId, r, "brand", x -> x.brandSid = sid,
                    () -> RegistrationFee.recordOnce(r.id, "brand_vetting", fee, sid));
        }
        ensureMessagingService(tenantId, account, r, tag);
        RegistrationGateway.Review brand = gateway.brand(account, r.brandSid);
        if ("FAILED".equals(brand.status()) || "SUSPENDED".equals(brand.status())) {
            return new Progress(RegistrationStatus.FAILED, brand.status(), null, null,
                    brand.reason() == null ? "The brand was not approved." : brand.reason());
        }
        if (!"APPROVED".equals(brand.status())) {
            return new Progress(RegistrationStatus.PENDING, brand.status(), null, null, null);
        }
        if (r.campaignSid != null && "FAILED".equals(r.campaignStatus)) {
            gateway.deleteCampaign(account, r.messagingServiceSid, r.campaignSid);
            save(tenantId, r, "campaign_withdrawn", x -> {
                x.campaignSid = null;
                x.campaignStatus = null;
            });
        }
        if (r.campaignSid == null) {
            String sid = gateway.ensureCampaign(account, r.messagingServiceSid, r.brandSid, r.description,
                    r.messageFlow, List.of(r.sampleMessage1, r.sampleMessage2), r.useCase);
            int fee = config.campaignVettingFeeCents();
            save(tenantId, r, "campaign", x -> x.campaignSid = sid,
                    () -> RegistrationFee.recordOnce(r.id, "campaign_vetting", fee, sid));
        }
        RegistrationGateway.Review campaign = gateway.campaign(account, r.messagingServiceSid, r.campaignSid);
        if ("FAILED".equals(campaign.status())) {
            return new Progress(RegistrationStatus.FAILED, brand.status(), campaign.status(), null,
                    campaign.reason() == null ? "The campaign was not approved." : campaign.reason());
        }
        return new Progress("VERIFIED".equals(campaign.status()) ? RegistrationStatus.APPROVED
                : RegistrationStatus.PENDING, brand.status(), campaign.status(), null, null);
    }

    private Progress tollFree(UUID tenantId, TwilioGateway.Credentials account, TextingRegistration r) {
        String tag = tag(r);
        ensureMessagingService(tenantId, account, r, tag);
        if (r.tollfreeVerificationSid == null) {
            String sid = gateway.ensureTollFreeVerification(account, new RegistrationGateway.TollFreeRequest(
                    r.tollfreeNumberSid, r.legalName, r.website, r.contactEmail, r.description, r.sampleMessage1,
                    r.street, r.city, r.region, r.postalCode, r.contactFirstName, r.contactLastName, r.contactPhone,
                    r.soleProprietor(), r.ein));
            save(tenantId, r, "tollfree_verification", x -> x.tollfreeVerificationSid = sid);
        }
        RegistrationGateway.Review review = gateway.tollFreeVerification(account, r.tollfreeVerificationSid);
        if ("TWILIO_REJECTED".equals(review.status())) {
            return new Progress(RegistrationStatus.FAILED, null, null, review.status(),
                    review.reason() == null ? "The toll-free verification was rejected." : review.reason());
        }
        return new Progress("TWILIO_APPROVED".equals(review.status()) ? RegistrationStatus.APPROVED
                : RegistrationStatus.PENDING, null, null, review.status(), null);
    }

    /** The Messaging Service texts will go through, with the business's active numbers as its senders. */
    private void ensureMessagingService(UUID tenantId, TwilioGateway.Credentials account, TextingRegistration r,
            String tag) {
        if (r.messagingServiceSid == null) {
            String sid = gateway.ensureMessagingService(account, tag + " texts",
                    platform.publicBaseUrl() + "/api/twilio/incoming-sms");
            save(tenantId, r, "messaging_service", x -> x.messagingServiceSid = sid);
        }
        if (r.serviceNumbersAddedAt != null) {
            return;
        }
        List<String> numbers = tenantScope.call(tenantId, () -> PhoneNumber.listActive().stream()
                .map(n -> n.twilioSid).filter(sid -> sid != null).toList());
        gateway.addSenders(account, r.messagingServiceSid, numbers);
        Instant now = Instant.now();
        save(tenantId, r, "messaging_service_numbers", x -> x.serviceNumbersAddedAt = now);
    }

    private String statusCallback() {
        return platform.publicBaseUrl() + RegistrationCallbackResource.PATH;
    }

    /** Names this submission's objects at Twilio: found again by a resumed one, never by a corrected one. */
    private static String tag(TextingRegistration r) {
        return "Callaback " + r.id.toString().substring(0, 8) + " "
                + (r.submittedAt == null ? 0 : r.submittedAt.toEpochMilli());
    }

    /** Commits what a step created, and keeps the copy in hand up to date for the next steps. */
    private void save(UUID tenantId, TextingRegistration inHand, String step, Consumer<TextingRegistration> change) {
        save(tenantId, inHand, step, change, () -> {
        });
    }

    /** The same, with what else belongs in the step's transaction (the fee it incurred). */
    private void save(UUID tenantId, TextingRegistration inHand, String step, Consumer<TextingRegistration> change,
            Runnable alsoRecord) {
        change.accept(inHand);
        tenantScope.run(tenantId, () -> {
            TextingRegistration stored = TextingRegistration.findById(inHand.id);
            change.accept(stored);
            stored.step = step;
            alsoRecord.run();
        });
    }

    private static Map<String, Object> businessInfo(TextingRegistration r) {
        Map<String, Object> info = new LinkedHashMap<>();
        if (r.soleProprietor()) {
            info.put("first_name", r.contactFirstName);
            info.put("last_name", r.contactLastName);
            info.put("email", r.contactEmail);
            info.put("phone_number", r.contactPhone);
            return info;
        }
        info.put("business_name", r.legalName);
        info.put("business_identity", "direct_customer");
        info.put("business_type", "Limited Liability Corporation");
        info.put("business_industry", "CONSUMER");
        info.put("business_registration_identifier", "EIN");
        info.put("business_registration_number", r.ein);
        info.put("business_regions_of_operation", "USA_AND_CANADA");
        info.put("website_url", r.website);
        info.put("social_media_profile_urls", "");
        return info;
    }

    private static Map<String, Object> representative(TextingRegistration r) {
        Map<String, Object> rep = new LinkedHashMap<>();
        rep.put("first_name", r.contactFirstName);
        rep.put("last_name", r.contactLastName);
        rep.put("email", r.contactEmail);
        rep.put("phone_number", r.contactPhone);
        rep.put("business_title", r.contactTitle == null ? "Owner" : r.contactTitle);
        rep.put("job_position", "Other");
        return rep;
    }
}
