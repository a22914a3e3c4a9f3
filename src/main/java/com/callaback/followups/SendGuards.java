package com.callaback.followups;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

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

    public Verdict check(FollowUp followUp, Contact contact, Tenant tenant, Instant now) {
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
        boolean automatic = followUp.type.automatic();
        if (automatic) {
            Instant since = now.minus(Duration.ofHours(tenant.cooldownHours));
            long recentAutoTexts = FollowUp.count("contactId = ?1 and type = ?2 and status = ?3 "
                    + "and sentAt > ?4 and id <> ?5", contact.id, FollowUpType.AUTO_SMS, FollowUpStatus.SENT, since,
                    followUp.id);
            if (recentAutoTexts > 0) {
                return new Drop(FollowUpStatus.SKIPPED, SkipReason.COOLDOWN);
            }
            long recentMessages = ChatMessage.count("contactId = ?1 and createdAt > ?2", contact.id, since);
            if (recentMessages > 0) {
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
