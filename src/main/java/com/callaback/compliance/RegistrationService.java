package com.callaback.compliance;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.callaback.dashboard.Notification;
import com.callaback.followups.FollowUp;
import com.callaback.followups.FollowUpStatus;
import com.callaback.followups.FollowUpType;
import com.callaback.followups.SkipReason;
import com.callaback.jobs.JobsConfig;
import com.callaback.telephony.TwilioFailure;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantScope;
import com.callaback.web.InvalidInputException;

/**
 * The rules of a registration in the database: saving the owner's answers as a (re)submission, recording what a
 * round at Twilio came to, and on approval switching the business's texting on and releasing its held texts.
 */
@ApplicationScoped
public class RegistrationService {

    private static final Logger LOG = Logger.getLogger(RegistrationService.class);
    static final String STATUS_PAGE = "/settings/texting-registration";

    @Inject
    TenantScope tenantScope;
    @Inject
    RegistrationSteps steps;
    @Inject
    ComplianceConfig config;
    @Inject
    JobsConfig jobs;

    /** Saves valid answers and submits them; a rejected registration is corrected and submitted again. */
    public UUID submit(UUID tenantId, UUID ownerId, RegistrationForm form) {
        form.validate();
        UUID id = tenantScope.call(tenantId, () -> {
            // One submission of a business at a time (a double click sends two): the second waits, then finds the
            // first's registration under way and is told so, instead of failing on the one-per-business index.
            Tenant.findById(tenantId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            TextingRegistration r = TextingRegistration.current().orElseGet(TextingRegistration::new);
            if (r.id != null && !r.editable()) {
                throw new InvalidInputException("status", "This registration is " + r.status.label().toLowerCase()
                        + ": it can be changed only once it is rejected.");
            }
            if (r.id != null && r.failed()) {
                forgetRejected(r);
            }
            form.applyTo(r);
            r.tollfreeNumberSid = form.tollFreeNumberSid();
            r.feeCents = Fees.of(config, r.kind, r.businessType).oneTimeCents();
            r.consentedBy = ownerId;
            r.consentedAt = Instant.now();
            r.status = RegistrationStatus.SUBMITTING;
            // Each submission's objects are named after it (RegistrationSteps.tag): a correction sent within the
            // same moment as the rejected submission must not find that one's objects again.
            Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            r.submittedAt = r.submittedAt != null && !now.isAfter(r.submittedAt) ? r.submittedAt.plusMillis(1) : now;
            r.rejectionReason = null;
            r.stepError = null;
            r.nextAttemptAt = Instant.now();
            r.persist();
            Tenant tenant = Tenant.findById(tenantId);
            if (tenant.textingOnHold()) {
                tenant.complianceType = r.kind;
                tenant.complianceStatus = "pending";
            }
            return r.id;
        });
        checkNow(tenantId, id);
        return id;
    }

    /**
     * Objects of the rejected part are not reused: a rejected brand gets a new profile and brand built from the
     * corrected answers (new friendly names, since the submission time is in them), a rejected campaign is
     * withdrawn and submitted again, a rejected toll-free verification is submitted again.
     */
    private static void forgetRejected(TextingRegistration r) {
        if ("FAILED".equals(r.brandStatus) || "SUSPENDED".equals(r.brandStatus)
                || (r.brandSid == null && r.tollfreeVerificationSid == null)) {
            r.businessInfoSid = r.representativeSid = r.addressSid = r.addressDocumentSid = null;
            r.customerProfileSid = r.a2pProfileSid = r.trustProductSid = r.brandSid = null;
            r.profileAssignedAt = r.profileSubmittedAt = r.trustProductAssignedAt = r.trustProductSubmittedAt = null;
            r.brandStatus = null;
        }
        r.tollfreeVerificationSid = null;
        r.tollfreeStatus = null;
        // campaign_status stays FAILED: the next round withdraws that campaign before submitting the new one.
    }

    /** Runs a round now (after a submission, or the owner's "check now") unless the worker has it in hand. */
    public void checkNow(UUID tenantId, UUID registrationId) {
        String worker = "web-" + UUID.randomUUID();
        boolean claimed = tenantScope.call(tenantId, () -> {
            TextingRegistration r = TextingRegistration.findById(registrationId);
            if (r == null || !r.inProgress() || (r.leaseExpiresAt != null && r.leaseExpiresAt.isAfter(Instant.now()))) {
                return false;
            }
            r.claimedBy = worker;
            r.leaseExpiresAt = Instant.now().plus(jobs.lease());
            return true;
        });
        if (claimed) {
            RegistrationSteps.Progress progress = null;
            RuntimeException error = null;
            try {
                progress = steps.advance(tenantId, registrationId);
            } catch (RuntimeException e) {
                error = e;
            }
            RegistrationSteps.Progress outcome = progress;
            RuntimeException failure = error;
            tenantScope.run(tenantId, () -> record(tenantId, registrationId, worker, outcome, failure));
        }
    }

    /**
     * Inside the business's transaction: what a round came to. A step Twilio refused for good fails the
     * registration with Twilio's words, to be corrected; one that may pass (unreachable, busy) is retried later.
     */
    public void record(UUID tenantId, UUID registrationId, String worker, RegistrationSteps.Progress progress,
            RuntimeException error) {
        TextingRegistration r = TextingRegistration.findById(registrationId);
        if (r == null || !worker.equals(r.claimedBy)) {
            return; // taken over after its lease ran out
        }
        Instant now = Instant.now();
        r.claimedBy = null;
        r.leaseExpiresAt = null;
        r.checkedAt = now;
        if (error != null) {
            boolean retryable = !(error instanceof TwilioFailure failure) || failure.retryable();
            r.stepError = truncate(error.getMessage());
            if (retryable) {
                r.nextAttemptAt = now.plus(config.retryAfter());
                LOG.warnf("Registration of %s stopped at %s, retried later: %s", tenantId, r.step, error.getMessage());
            } else {
                reject(tenantId, r, error.getMessage());
            }
            return;
        }
        r.stepError = null;
        r.brandStatus = progress.brandStatus() == null ? r.brandStatus : progress.brandStatus();
        r.campaignStatus = progress.campaignStatus();
        r.tollfreeStatus = progress.tollfreeStatus();
        switch (progress.status()) {
            case APPROVED -> approve(tenantId, r);
            case FAILED -> reject(tenantId, r, progress.reason());
            default -> {
                r.status = RegistrationStatus.PENDING;
                r.nextAttemptAt = now.plus(config.checkEvery());
            }
        }
    }

    private void approve(UUID tenantId, TextingRegistration r) {
        r.status = RegistrationStatus.APPROVED;
        r.approvedAt = Instant.now();
        Tenant tenant = Tenant.findById(tenantId);
        tenant.complianceType = r.kind;
        tenant.complianceStatus = "approved";
        tenant.a2pBrandSid = r.brandSid;
        tenant.messagingServiceSid = r.messagingServiceSid;
        tenant.complianceCheckedAt = Instant.now();
        long stale = FollowUp.update("status = ?1, skipReason = null, lastError = ?2 where status = ?3 "
                + "and skipReason in ?4 and type = ?5 and createdAt < ?6", FollowUpStatus.CANCELLED,
                "Held too long for the texting registration: a text-back this late would confuse the caller",
                FollowUpStatus.HELD, SkipReason.complianceHolds(), FollowUpType.AUTO_SMS,
                Instant.now().minus(config.staleAfter()));
        // Released as due now: the dispatcher's guards still apply quiet hours, cooldown and opt-outs.
        long released = FollowUp.update("status = ?1, skipReason = null, scheduledAt = ?2 where status = ?3 "
                + "and skipReason in ?4", FollowUpStatus.PENDING, Instant.now(), FollowUpStatus.HELD,
                SkipReason.complianceHolds());
        Notification.raise("system", "US texting registration approved",
                (released == 0 ? "Your texts go out normally now." : released + " held texts are going out now.")
                        + (stale == 0 ? "" : " " + stale + " automatic texts older than "
                                + config.staleAfter().toHours() + " hours were cancelled."),
                STATUS_PAGE);
    }

    private static void reject(UUID tenantId, TextingRegistration r, String reason) {
        r.status = RegistrationStatus.FAILED;
        r.rejectionReason = truncate(reason);
        Tenant tenant = Tenant.findById(tenantId);
        if (tenant.textingOnHold()) {
            tenant.complianceStatus = "rejected";
        }
        Notification.raise("system", "US texting registration was rejected", truncate(reason), STATUS_PAGE);
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 1000);
    }
}
