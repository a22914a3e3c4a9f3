package com.callaback.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.callaback.contacts.Contact;
import com.callaback.dashboard.Notification;
import com.callaback.followups.FollowUp;
import com.callaback.followups.FollowUpStatus;
import com.callaback.followups.SendGuards;
import com.callaback.followups.SkipReason;
import com.callaback.telephony.PhoneNumber;
import com.callaback.telephony.TwilioAccountCredentials;
import com.callaback.telephony.TwilioGateway;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantContext;

/**
 * The database side of sending claimed texts before the sends, in their business, a batch at a time: the renewed
 * claims, the guards, the sender number and the rendered messages. What came of the sends: {@link TextOutcomes}.
 */
@ApplicationScoped
public class OutboundTextService {

    private static final String RENEW = "update follow_ups set lease_expires_at = now() + make_interval(secs => :lease) "
            + "where tenant_id = current_tenant_id() and id in (:ids) and status = 'sending' and claimed_by = :worker";

    @Inject
    TenantContext tenantContext;
    @Inject
    SendGuards guards;
    @Inject
    TwilioAccountCredentials credentials;
    @Inject
    EntityManager em;

    /** Everything the Twilio call needs, read inside the transaction and used after it. */
    public record Plan(UUID followUpId, UUID contactId, UUID phoneNumberId, TwilioGateway.Credentials credentials,
            String from, String to, String body, Instant preparedAt) {
    }

    /**
     * Plans the claimed texts of this business, in the order given; rows the guards settle (dropped, held,
     * rescheduled, failed) and rows another worker took over are left out.
     */
    public List<Plan> prepare(List<UUID> followUpIds, String worker, Duration lease) {
        // Renewed and read in one statement: the rows come back as entities, still ours.
        @SuppressWarnings("unchecked")
        List<FollowUp> held = em.createNativeQuery(RENEW + " returning *", FollowUp.class)
                .setParameter("lease", (int) lease.toSeconds()).setParameter("ids", followUpIds)
                .setParameter("worker", worker).getResultList();
        if (held.isEmpty()) {
            return List.of();
        }
        Map<UUID, FollowUp> byId = held.stream().collect(Collectors.toMap(f -> f.id, f -> f));
        List<FollowUp> followUps = followUpIds.stream().filter(byId::containsKey).map(byId::get).toList();
        Map<UUID, Contact> contacts = Contact.<Contact>list("id in ?1",
                followUps.stream().map(f -> f.contactId).collect(Collectors.toSet())).stream()
                .collect(Collectors.toMap(c -> c.id, c -> c));
        Tenant tenant = Tenant.findById(tenantContext.require());
        Instant now = Instant.now();
        Map<UUID, SendGuards.Verdict> verdicts = guards.checkAll(followUps, contacts, tenant, now);
        Set<UUID> numberIds = followUps.stream().map(f -> f.phoneNumberId).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        if (!numberIds.isEmpty()) {
            PhoneNumber.list("id in ?1", numberIds); // one read for all; findById below finds them in the session
        }
        Senders senders = new Senders();
        List<Plan> plans = new ArrayList<>();
        for (FollowUp followUp : followUps) {
            Plan plan = plan(followUp, contacts.get(followUp.contactId), tenant, verdicts.get(followUp.id), now,
                    senders);
            if (plan != null) {
                plans.add(plan);
            }
        }
        return plans;
    }

    /**
     * Renews the claims for this send. Still ours if nobody took them over, even if the batch lease ran out while
     * earlier rows were sent; the row lock makes the renewal and a take-over exclude each other.
     */
    public List<UUID> renewLeases(List<UUID> followUpIds, String worker, Duration lease) {
        @SuppressWarnings("unchecked")
        List<UUID> renewed = em.createNativeQuery(RENEW + " returning id", UUID.class)
                .setParameter("lease", (int) lease.toSeconds()).setParameter("ids", followUpIds)
                .setParameter("worker", worker).getResultList();
        return renewed;
    }

    /** The batch's sender numbers and their credentials, each looked up and decrypted once per batch. */
    private final class Senders {
        private Optional<PhoneNumber> firstActive;
        private final Map<UUID, Optional<TwilioGateway.Credentials>> accounts = new HashMap<>();

        PhoneNumber numberFor(FollowUp followUp) {
            PhoneNumber number = followUp.phoneNumberId == null ? null : PhoneNumber.findById(followUp.phoneNumberId);
            if (number != null && "active".equals(number.status)) {
                return number;
            }
            if (firstActive == null) {
                firstActive = PhoneNumber.findFirstActive();
            }
            return firstActive.orElse(null);
        }

        TwilioGateway.Credentials credentialsOf(PhoneNumber number) {
            return accounts.computeIfAbsent(number.id, id -> Optional.ofNullable(credentials.forNumber(id))).orElse(null);
        }
    }

    private Plan plan(FollowUp followUp, Contact contact, Tenant tenant, SendGuards.Verdict verdict, Instant now,
            Senders senders) {
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
        PhoneNumber number = senders.numberFor(followUp);
        if (number == null) {
            fail(followUp, contact, "no_number", "The business has no active number to text from");
            return null;
        }
        TwilioGateway.Credentials account = senders.credentialsOf(number);
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
        return new Plan(followUp.id, contact.id, number.id, account, number.e164, contact.phone, body, now);
    }

    static void fail(FollowUp followUp, Contact contact, String code, String reason) {
        settle(followUp, FollowUpStatus.FAILED, null);
        followUp.lastErrorCode = code;
        followUp.lastError = truncate(reason);
        Notification.raise("send_failed", "A text to " + contact.displayName() + " could not be sent",
                truncate(reason), "/follow-ups");
    }

    static void settle(FollowUp followUp, FollowUpStatus status, SkipReason reason) {
        followUp.status = status;
        followUp.skipReason = reason;
        followUp.claimedBy = null;
        followUp.leaseExpiresAt = null;
    }

    static String truncate(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 500);
    }
}
