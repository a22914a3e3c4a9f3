package com.callaback.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.callaback.tenant.TenantSql;

/**
 * Records a business's texts Twilio accepted, all in one statement: the follow-up marked sent, the interaction on
 * the timeline, the message in the conversation, the delivery metric, the contact's last-contacted time. Status
 * callbacks that beat the record here are applied afterwards.
 */
@ApplicationScoped
public class SentTexts {

    // One pass over the batch (unnest) per table; RLS and current_tenant_id() keep it inside the business. A
    // message whose interaction already exists (Twilio never reuses a MessageSid) threads without one.
    private static final String RECORD = """
            with plan (follow_up_id, interaction_id, contact_id, message_sid, body, phone_number_id) as (
                    select * from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::uuid[])),
                 sent as (
                    update follow_ups f
                       set status = 'sent', skip_reason = null, claimed_by = null, lease_expires_at = null,
                           message_sid = p.message_sid, sent_at = ?, last_error_code = null, last_error = null,
                           updated_at = now()
                      from plan p
                     where f.tenant_id = current_tenant_id() and f.id = p.follow_up_id
                    returning f.id, f.created_by),
                 logged as (
                    insert into interactions (tenant_id, id, contact_id, type, direction, status, message_sid, body,
                                              phone_number_id)
                    select current_tenant_id(), p.interaction_id, p.contact_id, 'sms', 'outbound', 'queued',
                           p.message_sid, p.body, p.phone_number_id
                      from plan p
                    on conflict (tenant_id, message_sid) where message_sid is not null do nothing
                    returning id),
                 threaded as (
                    insert into chat_messages (tenant_id, id, contact_id, interaction_id, direction, body, message_sid,
                                               sent_by_user_id)
                    select current_tenant_id(), gen_random_uuid(), p.contact_id, l.id, 'outbound', p.body,
                           p.message_sid, s.created_by
                      from plan p
                      left join sent s on s.id = p.follow_up_id
                      left join logged l on l.id = p.interaction_id),
                 measured as (
                    insert into sms_metrics (tenant_id, id, contact_id, follow_up_id, message_sid, sent_at)
                    select current_tenant_id(), gen_random_uuid(), p.contact_id, p.follow_up_id, p.message_sid, ?
                      from plan p),
                 contacted as (
                    update contacts c set last_contacted_at = ?, updated_at = now()
                     where c.tenant_id = current_tenant_id() and c.id = any (?::uuid[]))
            select e.message_sid from sms_status_events e
             where e.tenant_id = current_tenant_id() and e.message_sid = any (?::text[])
            """;

    @Inject
    TenantSql sql;
    @Inject
    DeliveryStatusService deliveryStatus;

    /** Records the texts in the current business and applies callbacks that arrived before this record. */
    public void record(List<TextOutcomes.Sent> texts) {
        applyEarlyCallbacks(insert(texts));
    }

    /**
     * Records the texts in the current business with plain SQL only (so also in a transaction several businesses
     * share); returns the MessageSids whose status callbacks arrived before this record.
     */
    public List<String> insert(List<TextOutcomes.Sent> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        int n = texts.size();
        UUID[] followUps = new UUID[n];
        UUID[] interactions = new UUID[n];
        UUID[] contacts = new UUID[n];
        String[] sids = new String[n];
        String[] bodies = new String[n];
        UUID[] numbers = new UUID[n];
        for (int i = 0; i < n; i++) {
            OutboundTextService.Plan plan = texts.get(i).plan();
            followUps[i] = plan.followUpId();
            interactions[i] = UUID.randomUUID();
            contacts[i] = plan.contactId();
            sids[i] = texts.get(i).messageSid();
            bodies[i] = plan.body();
            numbers[i] = plan.phoneNumberId();
        }
        Instant now = Instant.now();
        // Contacts and early callbacks are found by key (the last two arrays): a join with the unnested plan would
        // read all of the business's contacts and status events.
        return sql.rows(RECORD, followUps, interactions, contacts, sids, bodies, numbers, now, now, now, contacts, sids)
                .stream().map(row -> (String) row[0]).distinct().toList();
    }

    /** Applies status callbacks that arrived before their texts were recorded as sent. */
    public void applyEarlyCallbacks(List<String> messageSids) {
        for (String messageSid : messageSids) {
            SmsMetric.<SmsMetric>find("messageSid", messageSid).firstResultOptional()
                    .ifPresent(deliveryStatus::applyEarlyEvents);
        }
    }
}
