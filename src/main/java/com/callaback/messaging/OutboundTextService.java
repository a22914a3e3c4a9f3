package com.callaback.messaging;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.callaback.contacts.Contact;
import com.callaback.contacts.Direction;
import com.callaback.dashboard.Notification;
import com.callaback.followups.Backoff;
import com.callaback.followups.FollowUp;
import com.callaback.followups.FollowUpStatus;
import com.callaback.followups.SendGuards;
import com.callaback.followups.SkipReason;
import com.callaback.telephony.PhoneNumber;
import com.callaback.telephony.TwilioAccountCredentials;
import com.callaback.telephony.TwilioFailure;
import com.callaback.telephony.TwilioGateway;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantContext;

/**
 * The database side of sending one claimed text, in the text's tenant: before the send, the guards and the
 * rendered message; after it, the sent records (interaction, conversation, delivery metric) or the failure.
 */
@ApplicationScoped
public class OutboundTextService {

    @Inject
    TenantContext tenantContext;
    @Inject
    SendGuards guards;
    @Inject
    TwilioAccountCredentials credentials;
    @Inject
    DeliveryStatusService deliveryStatus;
    @Inject
    EntityManager em;
    @Inject
    DispatcherConfig config;

    /** Everything the Twilio call needs, read inside the transaction and used after it. */
    public record Plan(UUID followUpId, UUID contactId, UUID phoneNumberId, TwilioGateway.Credentials credentials,
            String from, String to, String body) {
    }

    /** Returns the plan to send, or null when the guards settled the row (dropped, held, rescheduled, failed). */
    public Plan prepare(UUID followUpId, String worker) {
        // Renew the claim for this one send. Still ours if nobody took it over, even if its batch lease ran out
        // while earlier rows were sent; the row lock makes the renewal and a take-over exclude each other.
        int held = em.createNativeQuery("update follow_ups set lease_expires_at = now() + make_interval(secs => ?1) "
                + "where id = ?2 and status = 'sending' and claimed_by = ?3")
                .setParameter(1, (int) config.lease().toSeconds()).setParameter(2, followUpId)
                .setParameter(3, worker).executeUpdate();
        if (held == 0) {
            return null;
        }
        FollowUp followUp = FollowUp.findById(followUpId);
        Contact contact = Contact.findById(followUp.contactId);
        Tenant tenant = Tenant.findById(tenantContext.require());
        Instant now = Instant.now();
        SendGuards.Verdict verdict = guards.check(followUp, contact, tenant, now);
        if (verdict instanceof SendGuards.Drop drop) {
            settle(followUp, drop.status(), drop.reason());
            return null;
        }
        if (verdict instanceof SendGuards.Hold hold) {
            settle(followUp, FollowUpStatus.HELD, hold.reason());
            boolean compliance = hold.reason().compliance();
            Notification.raise("text_held", "A text to " + contact.displayName() + " is on hold",
                    compliance ? "US carriers require your texting registration (A2P 10DLC) to be approved first."
                            : "Texts are held while the account's billing is " + tenant.billingStatus + ".",
                    compliance ? "/settings/numbers" : "/follow-ups");
            return null;
        }
        if (verdict instanceof SendGuards.Reschedule later) {
            settle(followUp, FollowUpStatus.PENDING, null);
            followUp.scheduledAt = later.at();
            followUp.attempts = Math.max(0, followUp.attempts - 1); // not a send attempt
            return null;
        }
        if (verdict instanceof SendGuards.Fail fail) {
            fail(followUp, contact, fail.code(), fail.reason());
            return null;
        }
        PhoneNumber number = followUp.phoneNumberId == null ? null : PhoneNumber.findById(followUp.phoneNumberId);
        if (number == null || !"active".equals(number.status)) {
            number = PhoneNumber.findFirstActive().orElse(null);
        }
        if (number == null) {
            fail(followUp, contact, "no_number", "The business has no active number to text from");
            return null;
        }
        TwilioGateway.Credentials account = credentials.forNumber(number.id);
        if (account == null) {
            fail(followUp, contact, "no_subaccount", "The business's Twilio subaccount is not set up yet");
            return null;
        }
        String body = MergeFields.render(followUp.body == null ? "" : followUp.body, Map.of(
                MergeFields.BUSINESS_NAME, tenant.name,
                MergeFields.CONTACT_NAME, contact.name == null ? "" : contact.name,
                MergeFields.FIRST_NAME, contact.name == null ? "" : contact.name.strip().split("\\s+")[0],
                MergeFields.BUSINESS_PHONE, number.e164));
        if (body.isBlank()) {
            fail(followUp, contact, "empty_body", "The text is empty");
            return null;
        }
        return new Plan(followUp.id, contact.id, number.id, account, number.e164, contact.phone, body);
    }

    /** Twilio accepted the text: record it everywhere it shows, and apply callbacks that beat us here. */
    public void recordSent(Plan plan, String messageSid) {
        Instant now = Instant.now();
        FollowUp followUp = FollowUp.findById(plan.followUpId());
        settle(followUp, FollowUpStatus.SENT, null);
        followUp.messageSid = messageSid;
        followUp.sentAt = now;
        followUp.lastErrorCode = null;
        followUp.lastError = null;
        UUID interactionId = UUID.randomUUID();
        em.createNativeQuery("insert into interactions (tenant_id, id, contact_id, type, direction, status, "
                + "message_sid, body, phone_number_id) values (current_tenant_id(), ?1, ?2, 'sms', 'outbound', "
                + "'queued', ?3, ?4, ?5) on conflict (tenant_id, message_sid) where message_sid is not null do nothing")
                .setParameter(1, interactionId).setParameter(2, plan.contactId()).setParameter(3, messageSid)
                .setParameter(4, plan.body()).setParameter(5, plan.phoneNumberId()).executeUpdate();
        ChatMessage message = new ChatMessage();
        message.contactId = plan.contactId();
        message.interactionId = interactionId;
        message.direction = Direction.OUTBOUND;
        message.body = plan.body();
        message.messageSid = messageSid;
        message.sentByUserId = followUp.createdBy;
        message.persist();
        SmsMetric metric = new SmsMetric();
        metric.contactId = plan.contactId();
        metric.followUpId = followUp.id;
        metric.messageSid = messageSid;
        metric.sentAt = now;
        metric.persist();
        Contact contact = Contact.findById(plan.contactId());
        contact.lastContactedAt = now;
        em.flush();
        deliveryStatus.applyEarlyEvents(metric);
    }

    /** Twilio refused or was unreachable: retry later with backoff, or fail for good and tell the team. */
    public void recordFailure(UUID followUpId, String worker, TwilioFailure failure) {
        FollowUp followUp = FollowUp.findById(followUpId);
        if (followUp == null || followUp.status != FollowUpStatus.SENDING || !worker.equals(followUp.claimedBy)) {
            return;
        }
        if (failure.retryable() && followUp.attempts < followUp.maxAttempts) {
            settle(followUp, FollowUpStatus.PENDING, null);
            followUp.scheduledAt = Instant.now().plus(Backoff.delayFor(followUp.attempts));
            followUp.lastErrorCode = failure.errorCode();
            followUp.lastError = truncate(failure.getMessage());
            return;
        }
        Contact contact = Contact.findById(followUp.contactId);
        if ("21610".equals(failure.errorCode())) {
            contact.optOut(com.callaback.contacts.OptOutSource.CARRIER);
        } else if ("21211".equals(failure.errorCode()) || "21614".equals(failure.errorCode())) {
            contact.phoneInvalid = true;
        }
        fail(followUp, contact, failure.errorCode(), failure.getMessage());
    }

    private void fail(FollowUp followUp, Contact contact, String code, String reason) {
        settle(followUp, FollowUpStatus.FAILED, null);
        followUp.lastErrorCode = code;
        followUp.lastError = truncate(reason);
        Notification.raise("send_failed", "A text to " + contact.displayName() + " could not be sent",
                truncate(reason), "/follow-ups");
    }

    private static void settle(FollowUp followUp, FollowUpStatus status, SkipReason reason) {
        followUp.status = status;
        followUp.skipReason = reason;
        followUp.claimedBy = null;
        followUp.leaseExpiresAt = null;
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 500);
    }
}
