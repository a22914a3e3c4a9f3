package com.callaback.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.callaback.contacts.Contact;
import com.callaback.telephony.TwilioErrorCode;
import com.callaback.contacts.Interaction;
import com.callaback.contacts.InteractionStatus;
import com.callaback.dashboard.Notification;
import com.callaback.web.InvalidInputException;

/**
 * Twilio's status callbacks for outbound texts: each (MessageSid, status) is recorded once, and the text's
 * delivery record only moves forward. A callback that arrives before the send is recorded is kept and applied then.
 */
@ApplicationScoped
public class DeliveryStatusService {

    /** Twilio's "unsubscribed recipient": the contact must never be texted again. */
    static final String UNSUBSCRIBED = "21610";
    private static final Set<String> INBOUND_ONLY = Set.of("received", "receiving");

    @Inject
    EntityManager em;

    /** Runs in the tenant of the admitted webhook. */
    @Transactional
    public void statusCallback(String messageSid, String twilioStatus, String errorCode) {
        if (twilioStatus != null && INBOUND_ONLY.contains(twilioStatus)) {
            return;
        }
        SmsStatus status = SmsStatus.fromTwilio(twilioStatus)
                .orElseThrow(() -> new InvalidInputException("MessageStatus", "is not a Twilio message status"));
        int inserted = em.createNativeQuery("insert into sms_status_events (tenant_id, id, message_sid, status, "
                + "error_code) values (current_tenant_id(), ?1, ?2, ?3, ?4) on conflict do nothing")
                .setParameter(1, UUID.randomUUID()).setParameter(2, messageSid)
                .setParameter(3, twilioStatus.toLowerCase(java.util.Locale.ROOT)).setParameter(4, errorCode)
                .executeUpdate();
        if (inserted == 0) {
            return; // replay
        }
        SmsMetric metric = SmsMetric.find("messageSid", messageSid).firstResult();
        if (metric != null) {
            advance(metric, status, errorCode, Instant.now());
        }
    }

    /** Applies callbacks that arrived before the send was recorded; runs in the sender's tenant transaction. */
    public void applyEarlyEvents(SmsMetric metric) {
        @SuppressWarnings("unchecked")
        List<Object[]> events = em.createNativeQuery("select status, error_code, received_at from sms_status_events "
                + "where message_sid = ?1").setParameter(1, metric.messageSid).getResultList();
        events.stream()
                .filter(e -> SmsStatus.fromTwilio((String) e[0]).isPresent())
                .sorted(Comparator.comparing(e -> SmsStatus.fromTwilio((String) e[0]).orElseThrow().ordinal()))
                .forEach(e -> advance(metric, SmsStatus.fromTwilio((String) e[0]).orElseThrow(), (String) e[1],
                        toInstant(e[2])));
    }

    /** Native queries hand timestamptz back as Instant or OffsetDateTime depending on the driver path. */
    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        return Instant.now();
    }

    private void advance(SmsMetric metric, SmsStatus status, String errorCode, Instant at) {
        SmsStatus current = SmsStatus.fromDb(metric.status);
        if (current.isFinal() || !status.isAfter(current)) {
            return;
        }
        metric.status = status.dbValue();
        if (status == SmsStatus.DELIVERED) {
            metric.delivered = true;
            metric.deliveredAt = at;
            if (metric.sentAt != null) {
                metric.deliveryTimeMs = Math.max(0, Duration.between(metric.sentAt, at).toMillis());
            }
        }
        if (status == SmsStatus.UNDELIVERED || status == SmsStatus.FAILED) {
            metric.failed = true;
            metric.errorCode = errorCode;
            Contact contact = Contact.findById(metric.contactId);
            if (UNSUBSCRIBED.equals(errorCode)) {
                contact.optOut(com.callaback.contacts.OptOutSource.CARRIER);
            }
            Notification.raise("send_failed", "Text to " + contact.displayName() + " was not delivered",
                    errorCode == null ? "The carrier did not say why." : TwilioErrorCode.describe(errorCode),
                    "/conversations/" + contact.id);
        }
        Interaction.findByMessageSid(metric.messageSid).ifPresent(i -> i.status = InteractionStatus.fromDb(status.dbValue()));
    }
}
