package com.callaback.followups;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.callaback.contacts.Contact;
import com.callaback.messaging.ChatMessage;
import com.callaback.tenant.Tenant;

/**
 * The checks every outbound text passes just before it is sent: opted out, invalid number, a plan that may not
 * send, cooldown and active conversation for automatic texts, and quiet hours in the business's time zone.
 */
@ApplicationScoped
public class SendGuards {


    /** What to do with a due text. */
    public sealed interface Verdict {
    }

    public record Send() implements Verdict {
    }

    /** Never send: the row is cancelled (opted out) or skipped (cooldown, conversation). */
    public record Drop(FollowUpStatus status, SkipReason reason) implements Verdict {
    }

    /** Keep the row but do not send now: held until billing allows it. */
    public record Hold(SkipReason reason) implements Verdict {
    }

    /** Not now, at this time: quiet hours. */
    public record Reschedule(Instant at, SkipReason reason) implements Verdict {
    }

    public record Fail(String code, String reason) implements Verdict {
    }

    /**
     * The verdicts for a batch of one business's due texts, in the order given (the order they are due). An
     * automatic text is judged as if the texts before it in the batch had been sent already: one to the same
     * contact counts for the cooldown (an automatic one) or as the conversation (any text).
     */
    public Map<UUID, Verdict> checkAll(List<FollowUp> followUps, Map<UUID, Contact> contacts, Tenant tenant,
            Instant now) {
        Instant since = now.minus(Duration.ofHours(tenant.cooldownHours));
        Set<UUID> automaticContacts = followUps.stream().filter(f -> f.type.automatic()).map(f -> f.contactId)
                .collect(Collectors.toSet());
        Set<UUID> autoTexted = new HashSet<>();
        Set<UUID> talking = new HashSet<>();
        if (!automaticContacts.isEmpty()) {
            autoTexted.addAll(FollowUp.getEntityManager().createQuery("select distinct f.contactId from FollowUp f "
                    + "where f.contactId in ?1 and f.type = ?2 and f.status = ?3 and f.sentAt > ?4", UUID.class)
                    .setParameter(1, automaticContacts).setParameter(2, FollowUpType.AUTO_SMS)
                    .setParameter(3, FollowUpStatus.SENT).setParameter(4, since).getResultList());
            talking.addAll(ChatMessage.getEntityManager().createQuery("select distinct m.contactId from ChatMessage m "
                    + "where m.contactId in ?1 and m.createdAt > ?2", UUID.class)
                    .setParameter(1, automaticContacts).setParameter(2, since).getResultList());
        }
        Map<UUID, Verdict> verdicts = new LinkedHashMap<>();
        for (FollowUp followUp : followUps) {
            Verdict verdict = check(followUp, contacts.get(followUp.contactId), tenant, now,
                    autoTexted.contains(followUp.contactId), talking.contains(followUp.contactId));
            verdicts.put(followUp.id, verdict);
            if (verdict instanceof Send) {
                talking.add(followUp.contactId);
                if (followUp.type == FollowUpType.AUTO_SMS) {
                    autoTexted.add(followUp.contactId);
                }
            }
        }
        return verdicts;
    }

    private Verdict check(FollowUp followUp, Contact contact, Tenant tenant, Instant now, boolean autoTextedRecently,
            boolean talkingRecently) {
        if (contact.smsOptOut) {
            return new Drop(FollowUpStatus.CANCELLED, SkipReason.OPTED_OUT);
        }
        if (contact.phoneInvalid) {
            return new Fail("21211", "The contact's number cannot receive texts");
        }
        if (tenant.textingOnHold()) {
            return new Hold(SkipReason.fromDb("compliance_" + tenant.complianceStatus));
        }
        if (tenant.billingStopsTexts()) {
            return new Hold(SkipReason.fromDb("billing_" + tenant.billingStatus));
        }
        if (followUp.type.automatic()) {
            if (autoTextedRecently) {
                return new Drop(FollowUpStatus.SKIPPED, SkipReason.COOLDOWN);
            }
            if (talkingRecently) {
                return new Drop(FollowUpStatus.SKIPPED, SkipReason.ACTIVE_CONVERSATION);
            }
            QuietHours quiet = new QuietHours(tenant.quietHoursStart, tenant.quietHoursEnd);
            ZoneId zone = ZoneId.of(tenant.timezone);
            if (quiet.isQuiet(now, zone)) {
                return new Reschedule(quiet.nextAllowed(now, zone), SkipReason.QUIET_HOURS);
            }
        }
        return new Send();
    }
}
