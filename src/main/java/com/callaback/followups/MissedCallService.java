package com.callaback.followups;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.callaback.contacts.Contact;
import com.callaback.contacts.Interaction;
import com.callaback.contacts.InteractionStatus;
import com.callaback.contacts.Lead;
import com.callaback.dashboard.Notification;
import com.callaback.tenant.Tenant;

/**
 * What a missed call sets in motion, in the caller's transaction: an open lead (unless the contact has one), the
 * call's category, a notification to the team, and the auto-reply text scheduled after the business's delay.
 */
@ApplicationScoped
public class MissedCallService {

    @Inject
    EntityManager em;

    /** Call once per call: the caller guarantees it by moving the interaction to missed exactly once. */
    public void onMissed(Tenant tenant, Contact contact, Interaction call) {
        if (call.category == null) {
            call.category = "LEAD";
        }
        Lead lead = openLeadFor(contact);
        Notification.raise("missed_call", "Missed call from " + contact.displayName(),
                call.status == InteractionStatus.VOICEMAIL ? "The caller reached voicemail." : "Nobody picked up.",
                "/conversations/" + contact.id);
        if (tenant.autoReplyEnabled && !contact.smsOptOut) {
            FollowUp.schedule(contact.id, lead.id, call.phoneNumberId, FollowUpType.AUTO_SMS, tenant.autoReplyText,
                    Instant.now().plusSeconds(tenant.autoReplyDelaySeconds));
        }
    }

    private Lead openLeadFor(Contact contact) {
        return Lead.findOpenFor(contact.id).orElseGet(() -> {
            // The partial unique index allows one open lead per contact, even when two calls race.
            em.createNativeQuery("insert into leads (tenant_id, id, contact_id, status, source, category) "
                    + "values (current_tenant_id(), ?1, ?2, 'new', 'missed_call', 'LEAD') on conflict do nothing")
                    .setParameter(1, UUID.randomUUID()).setParameter(2, contact.id).executeUpdate();
            Lead lead = Lead.findOpenFor(contact.id).orElseThrow();
            Notification.raise("new_lead", "New lead: " + contact.displayName(), null, "/leads");
            return lead;
        });
    }
}
