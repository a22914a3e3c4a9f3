package com.callaback.messaging;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ClientErrorException;

import com.callaback.contacts.Contact;
import com.callaback.contacts.Interaction;
import com.callaback.followups.FollowUp;
import com.callaback.followups.FollowUpType;
import com.callaback.web.FieldErrors;

/**
 * A person's text to a contact, from the API or the inbox: queued in the outbox like every text, so the dispatcher
 * sends it after commit through the guards (opt-out and A2P/billing holds apply; quiet hours do not).
 */
@ApplicationScoped
public class ManualTextService {

    public static final int MAX_LENGTH = 1600;

    /** What is wrong with a text a person wrote, under the field name {@code field}. */
    public static void validate(String body, String field, FieldErrors errors) {
        if (body == null || body.isBlank()) {
            errors.add(field, "Write the text to send.");
        } else if (body.length() > MAX_LENGTH) {
            errors.add(field, "Use at most " + MAX_LENGTH + " characters.");
        }
    }

    /** Must run in a transaction of the contact's tenant; the body is already validated. */
    public FollowUp queue(Contact contact, String body, UUID userId) {
        if (contact.smsOptOut) {
            throw new ClientErrorException(contact.optOutLiftableByTeam()
                    ? "Your team marked this contact \"do not text\". Allow texts again on their contact page first."
                    : "This contact has opted out of texts (replied STOP). Only their START reply allows texting them "
                            + "again; call them if they asked you to.", 409);
        }
        FollowUp followUp = FollowUp.schedule(contact.id, null, replyNumber(contact.id), FollowUpType.MANUAL_SMS, body.strip(),
                Instant.now());
        followUp.createdBy = userId;
        return followUp;
    }

    /** The number the contact last reached, so the conversation stays on one number (null: any active one). */
    private static UUID replyNumber(UUID contactId) {
        return Interaction.<Interaction>find("contactId = ?1 and phoneNumberId is not null order by occurredAt desc",
                contactId).firstResultOptional().map(i -> i.phoneNumberId).orElse(null);
    }
}
