package com.callaback.followups;

import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

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
     * A due text as the guards see it: its contact's state, what the business sent it lately, and whether another
     * worker (replica) is sending an earlier automatic text to the same contact at this moment.
     */
    public record DueText(UUID id, UUID contactId, FollowUpType type, boolean optedOut, boolean phoneInvalid,
            boolean autoTextedRecently, boolean talkingRecently, boolean autoTextSendingElsewhere) {
    }

    /** How long a text waits while another replica sends an earlier automatic text to the same contact. */
    static final java.time.Duration WAIT_FOR_THE_OTHER_SEND = java.time.Duration.ofSeconds(10);

    /** The business's state the guards read: registration, billing (and a capped trial's use), quiet hours. */
    public record Sender(String complianceStatus, String billingStatus, Integer trialTextLimit, int trialTextsUsed,
            QuietHours quietHours, ZoneId zone) {
    }

    /**
     * The verdicts for a batch of one business's due texts, in the order given (the order they are due). An
     * automatic text is judged as if the texts before it in the batch had been sent already: one to the same
     * contact counts for the cooldown (an automatic one) or as the conversation (any text). Whether the contact
     * was texted or talked to within the cooldown before the batch comes with each text. A capped trial counts
     * the batch's texts too: the ones beyond what is left of it are held.
     */
    public Map<UUID, Verdict> checkAll(List<DueText> texts, Sender sender, Instant now) {
        Set<UUID> autoTexted = new HashSet<>();
        Set<UUID> talking = new HashSet<>();
        Map<UUID, Verdict> verdicts = new LinkedHashMap<>();
        int trialTextsUsed = sender.trialTextsUsed();
        for (DueText text : texts) {
            Verdict verdict = check(text, sender, trialTextsUsed, now,
                    text.autoTextedRecently() || autoTexted.contains(text.contactId()),
                    text.talkingRecently() || talking.contains(text.contactId()));
            verdicts.put(text.id(), verdict);
            if (verdict instanceof Send) {
                trialTextsUsed++;
                talking.add(text.contactId());
                if (text.type() == FollowUpType.AUTO_SMS) {
                    autoTexted.add(text.contactId());
                }
            }
        }
        return verdicts;
    }

    private Verdict check(DueText text, Sender sender, int trialTextsUsed, Instant now, boolean autoTextedRecently,
            boolean talkingRecently) {
        if (text.optedOut()) {
            return new Drop(FollowUpStatus.CANCELLED, SkipReason.OPTED_OUT);
        }
        if (text.phoneInvalid()) {
            return new Fail("21211", "The contact's number cannot receive texts");
        }
        if (Tenant.textingOnHold(sender.complianceStatus())) {
            return new Hold(SkipReason.fromDb("compliance_" + sender.complianceStatus()));
        }
        if (Tenant.billingStopsTexts(sender.billingStatus(), sender.trialTextLimit(), trialTextsUsed)) {
            return new Hold(SkipReason.fromDb("billing_" + sender.billingStatus()));
        }
        if (text.type().automatic()) {
            if (autoTextedRecently) {
                return new Drop(FollowUpStatus.SKIPPED, SkipReason.COOLDOWN);
            }
            if (text.autoTextSendingElsewhere()) {
                // Two calls moments apart, each text claimed by another replica: the earlier goes, this one comes
                // back when it is recorded, and the cooldown skips it (or it goes, if the earlier failed).
                return new Reschedule(now.plus(WAIT_FOR_THE_OTHER_SEND), null);
            }
            if (talkingRecently) {
                return new Drop(FollowUpStatus.SKIPPED, SkipReason.ACTIVE_CONVERSATION);
            }
            if (sender.quietHours().isQuiet(now, sender.zone())) {
                return new Reschedule(sender.quietHours().nextAllowed(now, sender.zone()), SkipReason.QUIET_HOURS);
            }
        }
        return new Send();
    }
}
