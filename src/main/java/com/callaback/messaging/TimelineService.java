package com.callaback.messaging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.callaback.contacts.Contact;
import com.callaback.contacts.Interaction;
import com.callaback.contacts.InteractionExtensions;
import com.callaback.contacts.Lead;
import com.callaback.contacts.LeadStatus;
import com.callaback.followups.FollowUp;
import com.callaback.followups.FollowUpType;
import com.callaback.followups.SkipReason;
import com.callaback.telephony.TwilioErrorCode;

/**
 * Builds a contact's timeline from its calls and texts, follow-ups and leads. Each source is read newest first
 * through its (tenant, contact, time) index and capped, so a long-time customer's page stays one bounded read.
 */
@ApplicationScoped
public class TimelineService {

    static final int LIMIT = 100;

    /** Must run in a transaction of the contact's tenant. */
    public Timeline of(Contact contact, String timezone) {
        List<Interaction> interactions = Interaction.<Interaction>find(
                "contactId = ?1 order by occurredAt desc", contact.id).page(0, LIMIT + 1).list();
        boolean truncated = interactions.size() > LIMIT;
        interactions = interactions.subList(0, Math.min(LIMIT, interactions.size()));
        List<FollowUp> followUps = FollowUp.<FollowUp>find("contactId = ?1 order by createdAt desc", contact.id)
                .page(0, LIMIT).list();
        List<String> sids = interactions.stream().map(i -> i.messageSid).filter(Objects::nonNull).toList();
        Map<String, SmsMetric> metrics = sids.isEmpty() ? Map.of()
                : SmsMetric.<SmsMetric>list("messageSid in ?1", sids).stream()
                        .collect(Collectors.toMap(m -> m.messageSid, Function.identity(), (a, b) -> a));
        Map<String, FollowUp> sentBy = followUps.stream().filter(f -> f.messageSid != null)
                .collect(Collectors.toMap(f -> f.messageSid, Function.identity(), (a, b) -> a));

        List<TimelineEntry> entries = new ArrayList<>();
        for (Interaction i : interactions) {
            // Texts recorded without a Twilio sid (imported history) have no metric or sender to look up.
            boolean sent = i.messageSid != null;
            entries.add(i.isCall() ? call(i)
                    : text(i, sent ? metrics.get(i.messageSid) : null, sent ? sentBy.get(i.messageSid) : null));
        }
        for (FollowUp f : followUps) {
            if (f.messageSid == null) {
                entries.add(followUp(f));
            }
        }
        for (Lead lead : Lead.<Lead>list("contactId = ?1 order by createdAt desc", contact.id)) {
            entries.add(new TimelineEntry(lead.createdAt, TimelineEntry.Kind.LEAD,
                    "Lead opened (" + lead.category.label() + ")", null, null, false, null, null));
            if (lead.status != LeadStatus.NEW && lead.updatedAt != null) {
                Instant at = lead.closedAt != null ? lead.closedAt : lead.updatedAt;
                entries.add(new TimelineEntry(at, TimelineEntry.Kind.LEAD, "Lead moved to " + lead.status.label(),
                        null, null, false, null, null));
            }
        }
        entries.sort(Comparator.comparing(TimelineEntry::at, Comparator.nullsLast(Comparator.reverseOrder())));
        return new Timeline(contact, timezone, entries, truncated);
    }

    private static TimelineEntry call(Interaction i) {
        return new TimelineEntry(i.occurredAt, TimelineEntry.Kind.CALL, InteractionExtensions.outcome(i), null,
                InteractionExtensions.routing(i), i.isMissed(), i.recordingUrl, i);
    }

    private static TimelineEntry text(Interaction i, SmsMetric metric, FollowUp followUp) {
        String title = i.isInbound() ? "Text received"
                : (i.isUndelivered() ? "Text not delivered" : "Text sent") + sender(followUp);
        String detail = null;
        boolean problem = false;
        if (i.isOutbound()) {
            problem = i.isUndelivered();
            detail = switch (i.status) {
                case QUEUED, SENDING -> "Queued at the carrier";
                case SENT -> "Sent, waiting for the carrier to confirm delivery";
                case DELIVERED -> "Delivered";
                case UNDELIVERED, FAILED -> "Not delivered. " + (metric == null || metric.errorCode == null
                        ? "The carrier did not say why." : TwilioErrorCode.describe(metric.errorCode));
                default -> null;
            };
        } else if (i.mediaCount > 0) {
            detail = i.mediaCount == 1 ? "1 picture attached" : i.mediaCount + " pictures attached";
        }
        return new TimelineEntry(i.occurredAt, TimelineEntry.Kind.TEXT, title, i.body, detail, problem, null, i);
    }

    private static String sender(FollowUp followUp) {
        if (followUp == null) {
            return "";
        }
        return switch (followUp.type) {
            case AUTO_SMS -> " (automatic reply to the missed call)";
            case MANUAL_SMS -> " (by your team)";
            case FOLLOW_UP_SMS -> " (follow-up)";
            case HELP_REPLY -> " (help reply)";
            default -> "";
        };
    }

    private static TimelineEntry followUp(FollowUp f) {
        String what = f.type == FollowUpType.CALLBACK ? "Call-back task" : "Text";
        return switch (f.status) {
            case PENDING -> entry(f.scheduledAt, what + " scheduled", f, null, false);
            case SENDING -> entry(f.updatedAt, what + " being sent", f, null, false);
            case HELD -> entry(f.updatedAt, what + " on hold", f, reason(f.skipReason), true);
            case FAILED -> entry(f.updatedAt, what + " could not be sent", f,
                    TwilioErrorCode.describe(f.lastErrorCode), true);
            case SENT, DONE -> entry(f.sentAt != null ? f.sentAt : f.updatedAt, what + " done", f, null, false);
            default -> entry(f.updatedAt, what + " not sent", f, f.skipReason == null ? "Cancelled."
                    : reason(f.skipReason), false);
        };
    }

    private static TimelineEntry entry(Instant at, String title, FollowUp f, String detail, boolean problem) {
        return new TimelineEntry(at, TimelineEntry.Kind.FOLLOW_UP, title, f.body, detail, problem, null, null);
    }

    private static String reason(SkipReason reason) {
        if (reason == null) {
            return null;
        }
        return reason.whatToDo() == null ? reason.meaning() : reason.meaning() + " " + reason.whatToDo() + ".";
    }
}
