package com.callaback.followups;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.callaback.telephony.CallSettings;

/**
 * What a missed call sets in motion, in the caller's transaction: an open lead (unless the contact has one), a
 * notification to the team, and the auto-reply text scheduled after the business's delay. The call's category
 * is set by whoever marks it missed. Three statements on the common path: it runs on every missed call.
 */
@ApplicationScoped
public class MissedCallService {

    /** The contact's open lead, or a new one; the partial unique index keeps one open lead even when calls race. */
    private static final String OPEN_LEAD = "with open as (select id from leads where contact_id = ?2 "
            + "and status in ('new', 'contacted', 'qualified')), created as (insert into leads (tenant_id, id, "
            + "contact_id, status, source, category) select current_tenant_id(), ?1, ?2, 'new', 'missed_call', 'LEAD' "
            + "where not exists (select 1 from open) on conflict do nothing returning id) "
            + "select id, false from open union all select id, true from created";

    @Inject
    EntityManager em;

    /** Call once per call: the caller guarantees it by moving the interaction to missed exactly once. */
    public void onMissed(CallSettings business, MissedCall call) {
        UUID contactId = call.caller().id();
        Lead lead = openLeadFor(contactId);
        String caller = call.caller().displayName();
        String link = "/conversations/" + contactId;
        String missed = call.voicemail() ? "The caller reached voicemail." : "Nobody picked up.";
        if (lead.created()) {
            notify("missed_call", "Missed call from " + caller, missed, link, "new_lead", "New lead: " + caller, "/leads");
        } else {
            notify("missed_call", "Missed call from " + caller, missed, link, null, null, null);
        }
        if (business.autoReplyEnabled() && !call.caller().smsOptOut()) {
            FollowUp.schedule(contactId, lead.id(), call.phoneNumberId(), FollowUpType.AUTO_SMS,
                    business.autoReplyText(), Instant.now().plusSeconds(business.autoReplyDelaySeconds()));
        }
    }

    private record Lead(UUID id, boolean created) {
    }

    private Lead openLeadFor(UUID contactId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(OPEN_LEAD).setParameter(1, UUID.randomUUID())
                .setParameter(2, contactId).getResultList();
        if (rows.isEmpty()) {
            // Another call of this contact opened one after this transaction's snapshot: it is committed now.
            rows = em.createNativeQuery("select id, false from leads where contact_id = ?1 "
                    + "and status in ('new', 'contacted', 'qualified')").setParameter(1, contactId).getResultList();
        }
        return new Lead((UUID) rows.get(0)[0], (Boolean) rows.get(0)[1]);
    }

    /** The missed-call notification, and the new-lead one when there is one, in one insert. */
    private void notify(String type, String title, String body, String link, String secondType, String secondTitle,
            String secondLink) {
        String sql = "insert into notifications (tenant_id, id, type, title, body, link) values "
                + "(current_tenant_id(), ?1, ?2, ?3, ?4, ?5)"
                + (secondType == null ? "" : ", (current_tenant_id(), ?6, ?7, ?8, null, ?9)");
        var insert = em.createNativeQuery(sql).setParameter(1, UUID.randomUUID()).setParameter(2, type)
                .setParameter(3, title).setParameter(4, body).setParameter(5, link);
        if (secondType != null) {
            insert.setParameter(6, UUID.randomUUID()).setParameter(7, secondType).setParameter(8, secondTitle)
                    .setParameter(9, secondLink);
        }
        insert.executeUpdate();
    }
}
