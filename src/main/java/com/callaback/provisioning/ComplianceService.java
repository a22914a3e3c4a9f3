package com.callaback.provisioning;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.callaback.dashboard.Notification;
import com.callaback.followups.FollowUp;
import com.callaback.followups.FollowUpStatus;
import com.callaback.followups.SkipReason;
import com.callaback.telephony.TwilioAccountCredentials;
import com.callaback.telephony.TwilioFailure;
import com.callaback.telephony.TwilioGateway;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantScope;
import com.callaback.web.FieldErrors;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * US texting registration (A2P 10DLC) of each business: the owner records the brand and messaging service
 * registered with Twilio, the status is read back from Twilio, and held texts go out once it is approved.
 */
@ApplicationScoped
public class ComplianceService {

    private static final Logger LOG = Logger.getLogger(ComplianceService.class);

    @Inject
    TenantScope tenantScope;
    @Inject
    TwilioGateway twilio;
    @Inject
    TwilioAccountCredentials credentials;

    /** Records the registration to follow; checked at once and then periodically. */
    public void register(UUID tenantId, String brandSid, String messagingServiceSid) {
        FieldErrors errors = new FieldErrors();
        String brand = brandSid == null ? "" : brandSid.strip();
        String service = messagingServiceSid == null ? "" : messagingServiceSid.strip();
        if (!brand.matches("BN[0-9a-fA-F]{32}")) {
            errors.add("brandSid", "Enter the brand registration SID from Twilio (BN followed by 32 characters).");
        }
        if (!service.matches("MG[0-9a-fA-F]{32}")) {
            errors.add("messagingServiceSid", "Enter the messaging service SID (MG followed by 32 characters).");
        }
        errors.throwIfAny();
        tenantScope.run(tenantId, () -> {
            Tenant tenant = Tenant.findById(tenantId);
            tenant.a2pBrandSid = brand;
            tenant.messagingServiceSid = service;
            tenant.complianceType = "a2p_10dlc";
            tenant.complianceStatus = "pending";
        });
        refresh(tenantId);
    }

    @Scheduled(identity = "compliance", every = "${callaback.provisioning.compliance-every}",
            delayed = "${callaback.workers.start-delay}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @ActivateRequestContext
    void refreshAll() {
        List<UUID> pending = QuarkusTransaction.requiringNew().call(Tenant::awaitingRegistration);
        pending.forEach(this::refresh);
    }

    /** Reads the registration from Twilio; on approval releases the texts held for it. */
    public void refresh(UUID tenantId) {
        Tenant tenant = tenantScope.call(tenantId, () -> Tenant.<Tenant>findById(tenantId));
        if (tenant.a2pBrandSid == null) {
            return;
        }
        TwilioGateway.Credentials account = tenantScope.call(tenantId, () -> credentials.forNumber(null));
        if (account == null) {
            return;
        }
        TwilioGateway.A2pStatus status;
        try {
            status = twilio.a2pStatus(account, tenant.a2pBrandSid, tenant.messagingServiceSid);
        } catch (TwilioFailure e) {
            LOG.warnf("A2P status of %s not read: %s", tenantId, e.getMessage());
            return;
        }
        String next = verdict(status);
        tenantScope.run(tenantId, () -> {
            Tenant current = Tenant.findById(tenantId);
            current.complianceStatus = next;
            current.complianceCheckedAt = Instant.now();
        });
        if ("approved".equals(next)) {
            tenantScope.run(tenantId, () -> {
                long released = FollowUp.update("status = ?1, skipReason = null, scheduledAt = ?2 "
                        + "where status = ?3 and skipReason in ?4", FollowUpStatus.PENDING, Instant.now(),
                        FollowUpStatus.HELD, SkipReason.complianceHolds());
                Notification.raise("system", "US texting registration approved",
                        released == 0 ? null : released + " held texts are going out now.", "/settings/numbers");
            });
        } else if ("rejected".equals(next)) {
            tenantScope.run(tenantId, () -> Notification.raise("system", "US texting registration was rejected",
                    "Brand: " + status.brandStatus() + ", campaign: " + status.campaignStatus() + ".",
                    "/settings/numbers"));
        }
    }

    /** Approved needs an approved brand and a verified campaign; a failed one is rejected; else still pending. */
    static String verdict(TwilioGateway.A2pStatus status) {
        String brand = status.brandStatus() == null ? "" : status.brandStatus().toUpperCase();
        String campaign = status.campaignStatus() == null ? "" : status.campaignStatus().toUpperCase();
        if (brand.equals("FAILED") || campaign.equals("FAILED")) {
            return "rejected";
        }
        return brand.equals("APPROVED") && campaign.equals("VERIFIED") ? "approved" : "pending";
    }
}
