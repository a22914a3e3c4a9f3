package com.callaback.followups;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.callaback.contacts.Contact;
import com.callaback.contacts.Interaction;
import com.callaback.identity.Membership;
import com.callaback.telephony.PhoneNumberFormat;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantContext;
import com.callaback.web.FieldErrors;

/**
 * New follow-ups a person plans: a text for later and a call-back task. A text for later is a {@code manual_sms}
 * with a future {@code scheduledAt}: a person wrote it and chose when, so like any human text only opt-out and
 * holds stop it, never cooldown or quiet hours (which exist for automatic texts). A call-back task is never sent.
 */
@ApplicationScoped
public class FollowUpPlanner {

    @Inject
    com.callaback.contacts.ContactPageService contacts;

    static final int BODY_MAX = 1600;
    static final int NOTE_MAX = 1000;

    @Inject
    TenantContext tenantContext;

    /** The fields as typed; {@code at} is a local date-time in the business's zone ("2026-11-25T14:30"). */
    public record Plan(String contact, String body, String at, String assignee) {
    }

    @Transactional
    public UUID scheduleText(Plan plan, UUID actor) {
        FieldErrors errors = new FieldErrors();
        Contact contact = contact(plan.contact(), errors);
        if (contact != null && contact.smsOptOut) {
            errors.add("contact", contact.displayName() + (contact.optOutLiftableByTeam()
                    ? " is marked \"do not text\" by your team." : " opted out of texts (replied STOP)."));
        }
        String body = plan.body() == null ? "" : plan.body().strip();
        if (body.isEmpty()) {
            errors.add("body", "Write the text to send.");
        } else if (body.length() > BODY_MAX) {
            errors.add("body", "Use at most " + BODY_MAX + " characters.");
        }
        Instant at = futureTime(plan.at(), zone(), errors);
        errors.throwIfAny();
        // Send from the number the contact last reached, so the conversation stays on one number.
        UUID number = Interaction.<Interaction>find("contactId = ?1 and phoneNumberId is not null "
                + "order by occurredAt desc", contact.id).firstResultOptional().map(i -> i.phoneNumberId).orElse(null);
        FollowUp text = FollowUp.schedule(contact.id, null, number, FollowUpType.MANUAL_SMS, body, at);
        text.createdBy = actor;
        return text.id;
    }

    @Transactional
    public UUID scheduleCallback(Plan plan, UUID actor) {
        FieldErrors errors = new FieldErrors();
        Contact contact = contact(plan.contact(), errors);
        UUID assignee = assignee(plan.assignee(), errors);
        String note = plan.body() == null ? "" : plan.body().strip();
        if (note.length() > NOTE_MAX) {
            errors.add("body", "Use at most " + NOTE_MAX + " characters.");
        }
        Instant at = futureTime(plan.at(), zone(), errors);
        errors.throwIfAny();
        FollowUp task = FollowUp.schedule(contact.id, null, FollowUpType.CALLBACK, note.isEmpty() ? null : note, at);
        task.assignedTo = assignee;
        task.createdBy = actor;
        return task.id;
    }

    /** A local date-time in {@code zone} that is still ahead; adds the field's error otherwise. */
    public static Instant futureTime(String local, ZoneId zone, FieldErrors errors) {
        Instant at;
        try {
            at = LocalDateTime.parse(local == null ? "" : local.strip()).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            errors.add("at", "Pick a date and time.");
            return null;
        }
        if (!at.isAfter(Instant.now())) {
            errors.add("at", "Pick a time in the future.");
            return null;
        }
        if (at.isAfter(Instant.now().plus(java.time.Duration.ofDays(366)))) {
            errors.add("at", "Pick a time within the next year.");
            return null;
        }
        return at;
    }

    public ZoneId zone() {
        return ZoneId.of(Tenant.<Tenant>findById(tenantContext.require()).timezone);
    }

    /** The contact by phone number in any format a person types, or by exact name if only one has it. */
    /** The one contact a person means by what they typed: a full number, or anything the contacts search finds once. */
    private Contact contact(String typed, FieldErrors errors) {
        String query = typed == null ? "" : typed.strip();
        if (query.isEmpty()) {
            errors.add("contact", "Type the contact's phone number or name.");
            return null;
        }
        Contact byPhone = PhoneNumberFormat.toE164(query).flatMap(Contact::findByPhone).orElse(null);
        if (byPhone != null) {
            return byPhone;
        }
        List<Contact> found = contacts.matching(query, 4);
        if (found.size() == 1) {
            return found.get(0);
        }
        errors.add("contact", found.isEmpty() ? "No contact matches that name or number."
                : "Several contacts match (" + String.join(", ", found.stream().limit(3).map(Contact::displayName)
                        .toList()) + (found.size() > 3 ? ", …" : "") + "): type more of the name or the full number.");
        return null;
    }

    private static UUID assignee(String typed, FieldErrors errors) {
        try {
            UUID userId = UUID.fromString(typed == null ? "" : typed.strip());
            if (Membership.findByUser(userId).isPresent()) {
                return userId;
            }
        } catch (IllegalArgumentException e) {
            // falls through to the message below
        }
        errors.add("assignee", "Choose who on the team makes the call.");
        return null;
    }
}
