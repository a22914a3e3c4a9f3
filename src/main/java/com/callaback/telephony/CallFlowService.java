package com.callaback.telephony;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.callaback.contacts.CallerContact;
import com.callaback.contacts.ContactService;
import com.callaback.followups.MissedCall;
import com.callaback.followups.MissedCallService;
import com.callaback.tenant.TenantSql;
import com.callaback.web.InvalidInputException;

/**
 * The voice side of the missed-call flow, in the tenant of the admitted webhook, one transaction per webhook,
 * each step idempotent: one interaction per CallSid, the routing decided once and replayed, and the move to
 * "missed" (which starts the lead and the text) made exactly once. It runs on every call, so each step is a
 * single statement on the common path and nothing is read back that a statement could return.
 */
@ApplicationScoped
public class CallFlowService {

    private static final Logger LOG = Logger.getLogger(CallFlowService.class);
    private static final Set<String> NOT_CONNECTED = Set.of("no-answer", "busy", "failed", "canceled");
    private static final Set<String> DIAL_STATUSES = Set.of("no-answer", "busy", "failed", "canceled", "completed",
            "answered");

    /** A ringing call moves on once: answered if the dial connected and someone pressed a key, else missed. */
    private static final String MOVE_ON = "update interactions i set status = case when ? and i.screened_at is not "
            + "null then 'answered' else 'missed' end, category = case when ? and i.screened_at is not null "
            + "then i.category else coalesce(i.category, 'LEAD') end from contacts c "
            + "where i.call_sid = ? and i.status = 'ringing' and c.id = i.contact_id "
            + "returning i.id, i.status, i.phone_number_id, c.id, c.name, c.phone, c.sms_opt_out";

    @Inject
    ContactService contacts;
    @Inject
    MissedCallService missedCalls;
    @Inject
    CallSettingsCache settings;
    @Inject
    TwimlResponses twiml;
    @Inject
    TenantSql sql;

    /** A call came in: dial the business inside its hours (screened), otherwise greeting and voicemail. */
    @Transactional
    public String incomingCall(TwilioGuardedCall call) {
        CallSettings business = settings.current();
        boolean dial;
        if (call.caller() == null) {
            LOG.infof("Call %s with a withheld number: routed, not recorded", call.callSid());
            dial = business.isOpen(Instant.now());
        } else {
            dial = "dial".equals(findOrRecord(call, business));
        }
        return dial ? twiml.dial(business.forwardingPhone(), call.callSid()) : voicemail(business);
    }

    /** The forwarded call ended: anything but a screened answer is a missed call, and the caller gets voicemail. */
    @Transactional
    public String dialStatus(TwilioGuardedCall call, String dialCallStatus) {
        if (!DIAL_STATUSES.contains(dialCallStatus)) {
            throw new InvalidInputException("DialCallStatus", "is not a Twilio dial status");
        }
        CallSettings business = settings.current();
        boolean connected = !NOT_CONNECTED.contains(dialCallStatus);
        Object[] moved = moveOn(call.callSid(), connected);
        if (moved == null && call.caller() != null) {
            // The call may not be recorded yet (its incoming-call still in flight, or never heard of), or a
            // concurrent incoming-call recorded it after this statement's snapshot: make sure, then move it on.
            findOrRecord(call, business);
            moved = moveOn(call.callSid(), connected);
        }
        if (moved == null) {
            // A withheld caller (never recorded), or a call that has already moved on (a replay, or voicemail).
            boolean over = call.caller() == null ? "completed".equals(dialCallStatus)
                    : connected && answered(call.callSid());
            return over || "canceled".equals(dialCallStatus) ? twiml.hangup() : voicemail(business);
        }
        if ("answered".equals(moved[1])) {
            return twiml.hangup();
        }
        CallerContact caller = new CallerContact((UUID) moved[3], displayName((String) moved[4], (String) moved[5]),
                (Boolean) moved[6]);
        missedCalls.onMissed(business, new MissedCall((UUID) moved[0], caller, (UUID) moved[2], false));
        return "canceled".equals(dialCallStatus) ? twiml.hangup() : voicemail(business);
    }

    /** The person who answered the forwarded call pressed a key: the call counts as answered. */
    @Transactional
    public void screened(String parentCallSid) {
        int marked = sql.update("update interactions set screened_at = coalesce(screened_at, now()) "
                + "where call_sid = ?", parentCallSid);
        if (marked == 0) {
            LOG.warnf("Screening result for unknown call %s", parentCallSid);
        }
    }

    /** A voicemail was recorded: attach it to the call and tell the team, once. */
    @Transactional
    public void recording(String callSid, String recordingUrl, Integer durationSeconds) {
        List<Object[]> attached = sql.rows("update interactions i set recording_url = ?, duration_seconds = ? "
                + "from contacts c where i.call_sid = ? and i.recording_url is null and c.id = i.contact_id "
                + "returning c.id, c.name, c.phone", recordingUrl, durationSeconds, callSid);
        if (attached.isEmpty()) {
            LOG.infof("Recording for call %s ignored: unknown call, or its recording is already attached", callSid);
            return;
        }
        Object[] contact = attached.get(0);
        sql.update("insert into notifications (tenant_id, id, type, title, link) "
                + "values (current_tenant_id(), ?, 'voicemail', ?, ?)", UUID.randomUUID(),
                "New voicemail from " + displayName((String) contact[1], (String) contact[2]),
                "/conversations/" + contact[0]);
    }

    /** The call is over: keep its length (answered calls) for the timeline. */
    @Transactional
    public void ended(String callSid, Integer durationSeconds) {
        sql.update("update interactions set duration_seconds = ? where call_sid = ? "
                + "and duration_seconds is null and status = 'answered'", durationSeconds, callSid);
    }

    /** Records the call once; returns how it was routed ("dial" or "voicemail"), by this request or before. */
    private String findOrRecord(TwilioGuardedCall call, CallSettings business) {
        CallerContact caller = contacts.caller(call.caller(), "missed_call");
        boolean dial = business.isOpen(Instant.now());
        UUID id = UUID.randomUUID();
        // Outside business hours (or with no forwarding phone) the call is missed the moment it arrives.
        int inserted = sql.update("insert into interactions (tenant_id, id, contact_id, type, direction, status, "
                + "call_sid, phone_number_id, call_routing, category) values (current_tenant_id(), ?, ?, 'call', "
                + "'inbound', ?, ?, ?, ?, ?) on conflict (tenant_id, call_sid) where call_sid is not null do nothing",
                id, caller.id(), dial ? "ringing" : "voicemail", call.callSid(), call.phoneNumberId(),
                dial ? "dial" : "voicemail", dial ? null : "LEAD");
        if (inserted == 0) {
            return (String) sql.rows("select call_routing from interactions where call_sid = ?", call.callSid())
                    .get(0)[0];
        }
        if (!dial) {
            missedCalls.onMissed(business, new MissedCall(id, caller, call.phoneNumberId(), true));
        }
        return dial ? "dial" : "voicemail";
    }

    private Object[] moveOn(String callSid, boolean connected) {
        List<Object[]> rows = sql.rows(MOVE_ON, connected, connected, callSid);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private boolean answered(String callSid) {
        return !sql.rows("select 1 from interactions where call_sid = ? and status = 'answered'", callSid).isEmpty();
    }

    private String voicemail(CallSettings business) {
        return twiml.voicemail(business.name(), business.voicemailGreeting());
    }

    private static String displayName(String name, String phone) {
        return name == null || name.isBlank() ? phone : name;
    }
}
