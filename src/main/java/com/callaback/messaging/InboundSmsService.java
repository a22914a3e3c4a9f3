package com.callaback.messaging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.callaback.contacts.Contact;
import com.callaback.contacts.ContactService;
import com.callaback.contacts.Direction;
import com.callaback.contacts.Interaction;
import com.callaback.contacts.Lead;
import com.callaback.contacts.LeadCategory;
import com.callaback.contacts.LeadStatus;
import com.callaback.dashboard.Notification;
import com.callaback.followups.FollowUp;
import com.callaback.followups.FollowUpType;
import com.callaback.followups.SkipReason;
import com.callaback.telephony.CallSettingsCache;
import com.callaback.telephony.TwilioRequest;

/**
 * A text to a business's number: recorded once per MessageSid, threaded into the contact's conversation, then
 * either an opt-out/opt-in/help keyword or a reply that is classified, moves the lead on and notifies the team.
 */
@ApplicationScoped
public class InboundSmsService {

    private static final int MAX_MEDIA = 10;

    @Inject
    CallSettingsCache settings;
    @Inject
    ContactService contacts;
    @Inject
    EntityManager em;

    /** Runs in the tenant of the admitted webhook. */
    @Transactional
    public void receive(UUID phoneNumberId, TwilioRequest request) {
        String messageSid = request.required("MessageSid", TwilioRequest.MESSAGE_SID);
        String from = request.requiredTwilioNumber("From");
        String body = request.params().getOrDefault("Body", "");
        List<String> mediaUrls = mediaUrls(request);
        SmsKeyword keyword = SmsKeyword.fromTwilioOptOutType(request.param("OptOutType"));
        SmsKeyword effective = keyword != SmsKeyword.NONE ? keyword : SmsKeyword.of(body);

        Contact contact = contacts.findOrCreate(from, "sms");
        UUID interactionId = UUID.randomUUID();
        int inserted = em.createNativeQuery("insert into interactions (tenant_id, id, contact_id, type, direction, "
                + "status, message_sid, body, media_count, media_urls, phone_number_id) values (current_tenant_id(), "
                + "?1, ?2, 'sms', 'inbound', 'received', ?3, ?4, ?5, cast(?6 as jsonb), ?7) "
                + "on conflict (tenant_id, message_sid) where message_sid is not null do nothing")
                .setParameter(1, interactionId).setParameter(2, contact.id).setParameter(3, messageSid)
                .setParameter(4, body).setParameter(5, mediaUrls.size()).setParameter(6, toJson(mediaUrls))
                .setParameter(7, phoneNumberId).executeUpdate();
        if (inserted == 0) {
            return; // a replay: this message has been handled
        }
        Interaction interaction = Interaction.findById(interactionId);
        ChatMessage message = new ChatMessage();
        message.contactId = contact.id;
        message.interactionId = interactionId;
        message.direction = Direction.INBOUND;
        message.body = body;
        message.messageSid = messageSid;
        message.mediaUrls = mediaUrls;
        message.persist();
        switch (effective) {
            case OPT_OUT -> optOut(contact);
            case OPT_IN -> {
                // "YES" is also an ordinary answer: it is an opt-in only for someone who opted out.
                if (contact.smsOptOut) {
                    contact.optIn();
                } else {
                    reply(contact, interaction, body);
                }
            }
            case HELP -> FollowUp.schedule(contact.id, null, phoneNumberId, FollowUpType.HELP_REPLY,
                    settings.current().helpText(), Instant.now());
            case NONE -> reply(contact, interaction, body);
        }
    }

    private void optOut(Contact contact) {
        contact.optOut(com.callaback.contacts.OptOutSource.CUSTOMER);
        FollowUp.cancelWaitingFor(contact.id, SkipReason.OPTED_OUT);
        Notification.raise("opt_out", contact.displayName() + " opted out of texts", null, "/contacts/" + contact.id);
    }

    private void reply(Contact contact, Interaction interaction, String body) {
        String category = ReplyClassifier.classify(body).name();
        interaction.category = category;
        Lead lead = Lead.findOpenFor(contact.id).orElse(null);
        if (lead == null) {
            lead = new Lead();
            lead.contactId = contact.id;
            lead.source = "sms";
            lead.status = LeadStatus.CONTACTED;
            lead.category = LeadCategory.valueOf(category);
            lead.persist();
        } else {
            if (lead.status == LeadStatus.NEW) {
                lead.status = LeadStatus.CONTACTED;
            }
            lead.category = LeadCategory.valueOf(category);
        }
        String preview = body.length() > 140 ? body.substring(0, 140) + "…" : body;
        Notification.raise("sms_reply", contact.displayName() + " replied: " + LeadCategory.valueOf(category).label().toLowerCase(java.util.Locale.ROOT), preview,
                "/conversations/" + contact.id);
    }

    private static List<String> mediaUrls(TwilioRequest request) {
        int count;
        try {
            count = Integer.parseInt(request.params().getOrDefault("NumMedia", "0").strip());
        } catch (NumberFormatException e) {
            throw new com.callaback.web.InvalidInputException("NumMedia", "must be a whole number");
        }
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < Math.min(count, MAX_MEDIA); i++) {
            String url = request.param("MediaUrl" + i);
            if (url != null) {
                urls.add(url);
            }
        }
        return urls;
    }

    private static String toJson(List<String> values) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(values);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
