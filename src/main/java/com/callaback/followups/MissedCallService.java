package com.callaback.followups;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.callaback.telephony.CallSettings;
import com.callaback.tenant.TenantSql;

/**
 * What a missed call sets in motion, in the caller's transaction: an open lead (unless the contact has one), a
 * notification to the team, and the auto-reply text scheduled after the business's delay. The call's category
 * is set by whoever marks it missed. Three statements on the common path: it runs on every missed call.
 */
@ApplicationScoped
public class MissedCallService {

    /** The contact's open lead, or a new one; the partial unique index keeps one open lead even when calls race. */
    private static final String OPEN_LEAD = "with open as (select id from leads where contact_id = ? "
            + "and status in ('new', 'contacted', 'qualified')), created as (insert into leads (tenant_id, id, "
            + "contact_id, status, source, category) select current_tenant_id(), ?, ?, 'new', 'missed_call', 'LEAD' "
            + "where not exists (select 1 from open) on conflict do nothing returning id) "
            + "select id, false from open union all select id, true from created";

    @Inject
    TenantSql sql;

    /** Call once per call: the caller guarantees it by moving the interaction to missed exactly once. */
    public void onMissed(CallSettings business, MissedCall call) {
        UUID contactId = call.caller().id();
        Lead lead = openLeadFor(contactId);
        notifyTeam(call.caller().displayName(), "/conversations/" + contactId,
                call.voicemail() ? "The caller reached voicemail." : "Nobody picked up.", lead.created());
        if (business.autoReplyEnabled() && !call.caller().smsOptOut()) {
            sql.update("insert into follow_ups (tenant_id, id, contact_id, lead_id, phone_number_id, type, body, "
                    + "scheduled_at) values (current_tenant_id(), ?, ?, ?, ?, ?, ?, ?)", UUID.randomUUID(), contactId,
                    lead.id(), call.phoneNumberId(), FollowUpType.AUTO_SMS.dbValue(), business.autoReplyText(),
                    Instant.now().plusSeconds(business.autoReplyDelaySeconds()));
        }
    }

    private record Lead(UUID id, boolean created) {
    }

    private Lead openLeadFor(UUID contactId) {
        List<Object[]> rows = sql.rows(OPEN_LEAD, contactId, UUID.randomUUID(), contactId);
        if (rows.isEmpty()) {
            // Another call of this contact opened one after this statement's snapshot: it is committed now.
            rows = sql.rows("select id, false from leads where contact_id = ? "
                    + "and status in ('new', 'contacted', 'qualified')", contactId);
        }
        return new Lead((UUID) rows.get(0)[0], (Boolean) rows.get(0)[1]);
    }

    /** The missed-call notification, and the new-lead one when the call opened a lead, in one insert. */
    private void notifyTeam(String caller, String link, String what, boolean newLead) {
        String missed = "insert into notifications (tenant_id, id, type, title, body, link) values "
                + "(current_tenant_id(), ?, 'missed_call', ?, ?, ?)";
        if (newLead) {
            sql.update(missed + ", (current_tenant_id(), ?, 'new_lead', ?, null, '/leads')", UUID.randomUUID(),
                    "Missed call from " + caller, what, link, UUID.randomUUID(), "New lead: " + caller);
        } else {
            sql.update(missed, UUID.randomUUID(), "Missed call from " + caller, what, link);
        }
    }
}
