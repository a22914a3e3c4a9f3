package com.callaback.messaging;

import java.sql.Time;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.callaback.dashboard.Notification;
import com.callaback.followups.FollowUp;
import com.callaback.followups.FollowUpStatus;
import com.callaback.followups.FollowUpType;
import com.callaback.followups.QuietHours;
import com.callaback.followups.SendGuards;
import com.callaback.followups.SkipReason;
import com.callaback.telephony.TwilioAccountCredentials;
import com.callaback.telephony.TwilioGateway;
import com.callaback.tenant.TenantSql;

/**
 * The database side of sending claimed texts before the sends, in their business, a batch at a time: the claims
 * still ours, the guards, the sender number and its credentials, the rendered messages. What came of the sends:
 * {@link TextOutcomes}.
 */
@ApplicationScoped
public class OutboundTextService {

    private static final String RENEW = "update follow_ups set lease_expires_at = now() + make_interval(secs => :lease) "
            + "where tenant_id = current_tenant_id() and id in (:ids) and status = 'sending' and claimed_by = :worker";

    // Everything a batch of due texts needs, in one read: each text with its contact, whether the contact was
    // texted automatically or talked to within the cooldown, its sender (its own number while active, else the
    // business's first active one) and that number's subaccount, and the business's state the guards read; and
    // whether this is not the first attempt (an earlier one may have reached Twilio and vanished with its worker,
    // even after an earlier refusal was recorded): since when it may have been sent;
    // and whether another replica is sending an earlier automatic text to the same contact right now.
    // A read, not a renewal: the claim has just set the lease, and the send renews it when half has run out.
    private static final String DUE = """
            select f.id, f.contact_id, f.type, f.body, f.lease_expires_at,
                   case when f.attempts > 1 then f.scheduled_at end,
                   c.name, c.phone, c.sms_opt_out, c.phone_invalid,
                   exists (select 1 from follow_ups s
                            where s.tenant_id = current_tenant_id() and s.contact_id = f.contact_id
                              and s.type = 'auto_sms' and s.status = 'sent' and s.sent_at > b.since),
                   exists (select 1 from chat_messages m
                            where m.tenant_id = current_tenant_id() and m.contact_id = f.contact_id
                              and m.created_at > b.since),
                   f.type = 'auto_sms' and exists (select 1 from follow_ups o
                            where o.tenant_id = current_tenant_id() and o.contact_id = f.contact_id
                              and o.type = 'auto_sms' and o.status = 'sending' and o.claimed_by <> f.claimed_by
                              and (o.scheduled_at, o.id) < (f.scheduled_at, f.id)),
                   n.id, n.e164, a.subaccount_sid, a.auth_token_encrypted,
                   b.name, b.compliance_status, b.billing_status, b.trial_text_limit, b.trial_texts_used,
                   b.quiet_hours_start, b.quiet_hours_end, b.timezone, b.messaging_service_sid
              from follow_ups f
              join contacts c on c.tenant_id = f.tenant_id and c.id = f.contact_id
              join (select t.name, t.compliance_status, t.billing_status, t.trial_text_limit, t.trial_texts_used,
                           t.quiet_hours_start, t.quiet_hours_end, t.timezone, t.messaging_service_sid,
                           now() - make_interval(hours => t.cooldown_hours) as since
                      from tenants t where t.id = current_tenant_id()) b on true
              left join lateral (
                    select p.id, p.e164, p.twilio_account_id from phone_numbers p
                     where p.tenant_id = current_tenant_id() and p.status = 'active'
                     order by p.id = f.phone_number_id desc nulls last, p.created_at
                     limit 1) n on true
              left join lateral (
                    select x.subaccount_sid, x.auth_token_encrypted from twilio_accounts x
                     where x.tenant_id = current_tenant_id() and x.auth_token_encrypted is not null
                       and (x.id = n.twilio_account_id or (n.twilio_account_id is null and x.status = 'active'))
                     order by x.id = n.twilio_account_id desc nulls last, x.created_at
                     limit 1) a on n.id is not null
             where f.tenant_id = current_tenant_id() and f.id = any (?) and f.status = 'sending' and f.claimed_by = ?
            """;

    @Inject
    SendGuards guards;
    @Inject
    TwilioAccountCredentials credentials;
    @Inject
    TenantSql sql;
    @Inject
    EntityManager em;

    /**
     * Everything the Twilio call needs, read inside the transaction and used after it. {@code resumedSince} is set
     * on any attempt after the first: an earlier one may have reached Twilio and vanished with its worker (died,
     * or lost its lease), so Twilio is asked for a text sent since then before sending again. Retries are rare,
     * so the one list call each costs little.
     * {@code messagingServiceSid}: the business's Messaging Service once its texting registration (A2P 10DLC) is
     * approved, which carries the campaign US carriers check; null sends from the number alone.
     */
    public record Plan(UUID followUpId, UUID contactId, UUID phoneNumberId, TwilioGateway.Credentials credentials,
            String from, String to, String body, Instant leaseExpiresAt, Instant resumedSince,
            String messagingServiceSid) {
    }

    /** A claimed text as read for sending, with what the guards and the plan need. */
    private record Due(SendGuards.DueText text, String body, Instant leaseExpiresAt, Instant resumedSince,
            String contactName, String contactPhone, UUID numberId, String numberE164, String accountSid,
            String encryptedToken) {

        String displayName() {
            return contactName == null || contactName.isBlank() ? contactPhone : contactName;
        }
    }

    /**
     * Plans the claimed texts of this business, in the order given; rows the guards settle (dropped, held,
     * rescheduled, failed) and rows another worker took over are left out.
     */
    public List<Plan> prepare(List<UUID> followUpIds, String worker) {
        return prepare(followUpIds, worker, true);
    }

    /**
     * The same plans when every text goes out as it is, with plain SQL only (so in a transaction several
     * businesses share); null when some need settling, which needs {@link #prepare} in the business's own.
     */
    public List<Plan> prepareIfAllSend(List<UUID> followUpIds, String worker) {
        return prepare(followUpIds, worker, false);
    }

    private List<Plan> prepare(List<UUID> followUpIds, String worker, boolean maySettle) {
        List<Object[]> rows = sql.rows(DUE, followUpIds.toArray(UUID[]::new), worker);
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, Due> byId = new HashMap<>();
        for (Object[] row : rows) {
            UUID id = (UUID) row[0];
            byId.put(id, new Due(new SendGuards.DueText(id, (UUID) row[1], FollowUpType.fromDb((String) row[2]),
                    (Boolean) row[8], (Boolean) row[9], (Boolean) row[10], (Boolean) row[11], (Boolean) row[12]),
                    (String) row[3], instant(row[4]), instant(row[5]), (String) row[6], (String) row[7],
                    (UUID) row[13], (String) row[14], (String) row[15], (String) row[16]));
        }
        List<Due> due = followUpIds.stream().filter(byId::containsKey).map(byId::get).toList();
        Object[] business = rows.get(0);
        String businessName = (String) business[17];
        SendGuards.Sender sender = new SendGuards.Sender((String) business[18], (String) business[19],
                (Integer) business[20], (Integer) business[21],
                new QuietHours(((Time) business[22]).toLocalTime(), ((Time) business[23]).toLocalTime()),
                ZoneId.of((String) business[24]));
        String messagingService = (String) business[25];
        Map<UUID, SendGuards.Verdict> verdicts = guards.checkAll(due.stream().map(Due::text).toList(), sender,
                Instant.now());
        List<Plan> plans = new ArrayList<>();
        for (Due text : due) {
            SendGuards.Verdict verdict = verdicts.get(text.text().id());
            String body = text.numberId() == null ? "" : body(text, businessName);
            if (verdict instanceof SendGuards.Send && text.encryptedToken() != null && !body.isBlank()) {
                plans.add(new Plan(text.text().id(), text.text().contactId(), text.numberId(),
                        credentials.decrypted(text.accountSid(), text.encryptedToken()), text.numberE164(),
                        text.contactPhone(), body, text.leaseExpiresAt(), text.resumedSince(), messagingService));
            } else if (!maySettle) {
                return null;
            } else {
                settle(text, verdict, body);
            }
        }
        return plans;
    }

    /** The first of these message SIDs the business has no record of, in the order given. */
    public Optional<String> firstUnrecorded(List<String> messageSids) {
        Set<String> recorded = new HashSet<>(sql.rows("select message_sid from sms_metrics where message_sid = any (?)",
                (Object) messageSids.toArray(String[]::new)).stream().map(row -> (String) row[0]).toList());
        return messageSids.stream().filter(sid -> !recorded.contains(sid)).findFirst();
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

    /** A text that does not go out now: the guards' verdict, or what it lacks to be sent. */
    private void settle(Due due, SendGuards.Verdict verdict, String body) {
        FollowUp followUp = FollowUp.findById(due.text().id());
        if (verdict instanceof SendGuards.Drop drop) {
            settle(followUp, drop.status(), drop.reason());
        } else if (verdict instanceof SendGuards.Hold hold) {
            settle(followUp, FollowUpStatus.HELD, hold.reason());
            SkipReason reason = hold.reason();
            Notification.raise("text_held", "A text to " + due.displayName() + " is on hold",
                    reason.meaning() + (reason.whatToDo() == null ? "" : " " + reason.whatToDo() + "."),
                    reason.compliance() ? "/settings/numbers" : "/follow-ups"); // billing holds: listed with reasons
        } else if (verdict instanceof SendGuards.Reschedule later) {
            settle(followUp, FollowUpStatus.PENDING, null);
            followUp.scheduledAt = later.at();
            followUp.attempts = Math.max(0, followUp.attempts - 1); // not a send attempt
        } else if (verdict instanceof SendGuards.Fail fail) {
            fail(followUp, due.displayName(), fail.code(), fail.reason());
        } else if (due.numberId() == null) {
            fail(followUp, due.displayName(), "no_number", "The business has no active number to text from");
        } else if (due.encryptedToken() == null) {
            fail(followUp, due.displayName(), "no_subaccount", "The business's Twilio subaccount is not set up yet");
        } else if (body.isBlank()) {
            fail(followUp, due.displayName(), "empty_body", "The text is empty");
        }
    }

    private static String body(Due due, String businessName) {
        String name = due.contactName();
        return MergeFields.render(due.body() == null ? "" : due.body(), Map.of(
                MergeFields.BUSINESS_NAME, businessName,
                MergeFields.CONTACT_NAME, name == null ? "" : name,
                MergeFields.FIRST_NAME, name == null ? "" : name.strip().split("\\s+")[0],
                MergeFields.BUSINESS_PHONE, due.numberE164()));
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof OffsetDateTime time ? time.toInstant() : ((Timestamp) value).toInstant();
    }

    static void fail(FollowUp followUp, String contactName, String code, String reason) {
        settle(followUp, FollowUpStatus.FAILED, null);
        followUp.lastErrorCode = code;
        followUp.lastError = truncate(reason);
        Notification.raise("send_failed", "A text to " + contactName + " could not be sent",
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
