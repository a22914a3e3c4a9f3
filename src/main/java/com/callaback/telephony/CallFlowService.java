package com.callaback.telephony;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import com.callaback.contacts.Contact;
import com.callaback.contacts.ContactService;
import com.callaback.contacts.Interaction;
import com.callaback.contacts.InteractionStatus;
import com.callaback.dashboard.Notification;
import com.callaback.followups.MissedCallService;
import com.callaback.tenant.Tenant;
import com.callaback.tenant.TenantScope;
import com.callaback.web.InvalidInputException;

/**
 * The voice side of the missed-call flow, each step idempotent: one interaction per CallSid, the routing decided
 * once and replayed, and the move to "missed" (which starts the lead and the text) made exactly once.
 */
@ApplicationScoped
public class CallFlowService {

    private static final Logger LOG = Logger.getLogger(CallFlowService.class);
    private static final Set<String> NOT_CONNECTED = Set.of("no-answer", "busy", "failed", "canceled");
    private static final Set<String> DIAL_STATUSES = Set.of("no-answer", "busy", "failed", "canceled", "completed",
            "answered");

    @Inject
    TenantScope tenantScope;
    @Inject
    ContactService contacts;
    @Inject
    MissedCallService missedCalls;
    @Inject
    TwimlResponses twiml;
    @Inject
    EntityManager em;

    /** A call came in: dial the business inside its hours (screened), otherwise greeting and voicemail. */
    public String incomingCall(TwilioGuardedCall call) {
        return tenantScope.call(call.tenantId(), () -> {
            Tenant tenant = Tenant.findById(call.tenantId());
            if (call.caller() == null) {
                LOG.infof("Call %s with a withheld number: routed, not recorded", call.callSid());
                return isOpen(tenant) ? twiml.dial(tenant.forwardingPhone, call.callSid()) : twiml.voicemail(tenant.name, tenant.voicemailGreeting);
            }
            Interaction interaction = findOrRecord(call, tenant);
            return "dial".equals(interaction.callRouting)
                    ? twiml.dial(tenant.forwardingPhone, call.callSid())
                    : twiml.voicemail(tenant.name, tenant.voicemailGreeting);
        });
    }

    /** The forwarded call ended: anything but a screened answer is a missed call, and the caller gets voicemail. */
    public String dialStatus(TwilioGuardedCall call, String dialCallStatus) {
        if (!DIAL_STATUSES.contains(dialCallStatus)) {
            throw new InvalidInputException("DialCallStatus", "is not a Twilio dial status");
        }
        return tenantScope.call(call.tenantId(), () -> {
            Tenant tenant = Tenant.findById(call.tenantId());
            if (call.caller() == null && Interaction.findByCallSid(call.callSid()).isEmpty()) {
                return "canceled".equals(dialCallStatus) || "completed".equals(dialCallStatus)
                        ? twiml.hangup() : twiml.voicemail(tenant.name, tenant.voicemailGreeting);
            }
            Interaction interaction = findOrRecord(call, tenant);
            boolean answered = !NOT_CONNECTED.contains(dialCallStatus) && interaction.screenedAt != null;
            if (answered) {
                moveStatus(interaction, "answered");
                return twiml.hangup();
            }
            if (moveStatus(interaction, "missed")) {
                em.refresh(interaction);
                missedCalls.onMissed(tenant, Contact.findById(interaction.contactId), interaction);
            }
            return "canceled".equals(dialCallStatus) ? twiml.hangup() : twiml.voicemail(tenant.name, tenant.voicemailGreeting);
        });
    }

    /** The person who answered the forwarded call pressed a key: the call counts as answered. */
    public void screened(UUID tenantId, String parentCallSid) {
        tenantScope.run(tenantId, () -> Interaction.findByCallSid(parentCallSid).ifPresentOrElse(
                interaction -> {
                    if (interaction.screenedAt == null) {
                        interaction.screenedAt = Instant.now();
                    }
                },
                () -> LOG.warnf("Screening result for unknown call %s", parentCallSid)));
    }

    /** A voicemail was recorded: attach it to the call and tell the team, once. */
    public void recording(UUID tenantId, String callSid, String recordingUrl, Integer durationSeconds) {
        tenantScope.run(tenantId, () -> {
            Interaction interaction = Interaction.findByCallSid(callSid).orElse(null);
            if (interaction == null) {
                LOG.warnf("Recording for unknown call %s ignored", callSid);
                return;
            }
            if (interaction.recordingUrl == null) {
                interaction.recordingUrl = recordingUrl;
                interaction.durationSeconds = durationSeconds;
                Contact contact = Contact.findById(interaction.contactId);
                Notification.raise("voicemail", "New voicemail from " + contact.displayName(), null,
                        "/conversations/" + contact.id);
            }
        });
    }

    /** The call is over: keep its length (answered calls) for the timeline. */
    public void ended(UUID tenantId, String callSid, Integer durationSeconds) {
        tenantScope.run(tenantId, () -> Interaction.findByCallSid(callSid).ifPresent(call -> {
            if (call.durationSeconds == null && call.status == InteractionStatus.ANSWERED) {
                call.durationSeconds = durationSeconds;
            }
        }));
    }

    private Interaction findOrRecord(TwilioGuardedCall call, Tenant tenant) {
        Interaction existing = Interaction.findByCallSid(call.callSid()).orElse(null);
        if (existing != null) {
            return existing;
        }
        Contact contact = contacts.findOrCreate(call.caller(), "missed_call");
        boolean dial = isOpen(tenant);
        int inserted = em.createNativeQuery("insert into interactions "
                + "(tenant_id, id, contact_id, type, direction, status, call_sid, phone_number_id, call_routing) "
                + "values (current_tenant_id(), ?1, ?2, 'call', 'inbound', ?3, ?4, ?5, ?6) "
                + "on conflict (tenant_id, call_sid) where call_sid is not null do nothing")
                .setParameter(1, UUID.randomUUID()).setParameter(2, contact.id)
                .setParameter(3, dial ? "ringing" : "voicemail").setParameter(4, call.callSid())
                .setParameter(5, call.phoneNumberId()).setParameter(6, dial ? "dial" : "voicemail")
                .executeUpdate();
        Interaction interaction = Interaction.findByCallSid(call.callSid()).orElseThrow();
        if (inserted == 1 && !dial) {
            // Outside business hours (or no forwarding phone) the call is missed the moment it arrives.
            missedCalls.onMissed(tenant, contact, interaction);
        }
        return interaction;
    }

    /** Inside business hours with a phone to forward to. */
    private static boolean isOpen(Tenant tenant) {
        return tenant.forwardingPhone != null && BusinessHours.parse(tenant.businessHours)
                .isOpen(Instant.now().atZone(ZoneId.of(tenant.timezone)));
    }

    /** Moves a ringing call on, once: true only for the request that made the move. */
    private boolean moveStatus(Interaction interaction, String status) {
        return em.createNativeQuery("update interactions set status = ?1 where id = ?2 and status = 'ringing'")
                .setParameter(1, status).setParameter(2, interaction.id).executeUpdate() == 1;
    }
}
