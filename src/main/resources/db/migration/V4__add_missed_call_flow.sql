-- What the missed-call flow needs beyond the original tables: how each call was routed (so a replayed
-- webhook answers the same), screening, the dialled number, deduplicated message status events, and the
-- cross-tenant claim functions of the outbox workers.

alter table interactions
    add column phone_number_id uuid,
    add column call_routing    text check (call_routing in ('dial', 'voicemail')),
    add column screened_at     timestamptz,
    add foreign key (tenant_id, phone_number_id) references phone_numbers (tenant_id, id);

alter table interactions drop constraint interactions_status_check;
alter table interactions add constraint interactions_status_check
    check (status in ('ringing', 'answered', 'missed', 'voicemail', 'received', 'queued', 'sending', 'sent',
                      'delivered', 'undelivered', 'failed'));

alter table follow_ups drop constraint follow_ups_type_check;
alter table follow_ups add constraint follow_ups_type_check
    check (type in ('auto_sms', 'manual_sms', 'follow_up_sms', 'help_reply', 'callback'));

alter table notifications drop constraint notifications_type_check;
alter table notifications add constraint notifications_type_check
    check (type in ('missed_call', 'new_lead', 'sms_reply', 'voicemail', 'opt_out', 'send_failed', 'text_held',
                    'provisioning', 'billing', 'system'));

-- One row per (MessageSid, status): Twilio retries and reorders status callbacks.
create table sms_status_events (
    tenant_id   uuid not null references tenants (id),
    id          uuid not null,
    message_sid text not null,
    status      text not null,
    error_code  text,
    received_at timestamptz not null default now(),
    primary key (tenant_id, id),
    unique (tenant_id, message_sid, status)
);
select enable_tenant_isolation('sms_status_events');

-- The dispatcher scans due rows of every tenant; these partial indexes keep that scan small.
create index follow_ups_pending_due_idx on follow_ups (scheduled_at) where status = 'pending';
create index follow_ups_lease_idx on follow_ups (lease_expires_at) where status = 'sending';
create index sms_metrics_details_due_idx on sms_metrics (updated_at)
    where details_fetched_at is null and status in ('delivered', 'undelivered', 'failed');

-- Owner-only policies used by the SECURITY DEFINER functions below (the app role keeps tenant_isolation only).
-- Status callbacks and recordings are routed by the subaccount that sent them.
create unique index twilio_accounts_sid_idx on twilio_accounts (subaccount_sid) where status <> 'closed';

create policy routing_lookup on twilio_accounts for select to current_user using (true);
create policy worker_claim on follow_ups for all to current_user using (true) with check (true);
create policy worker_claim on sms_metrics for select to current_user using (true);

create function route_twilio_account(sid text) returns table (tenant_id uuid, twilio_account_id uuid)
    language sql stable security definer set search_path = public, pg_temp
    as $$ select a.tenant_id, a.id from twilio_accounts a where a.subaccount_sid = sid and a.status <> 'closed' $$;

-- Claims up to batch due follow-ups of any tenant for one worker: pending and due, or sending with an
-- expired lease (the worker that claimed them died). SKIP LOCKED lets any number of workers run at once.
-- A row whose lease ran out after its last allowed attempt is failed (worker_lost) and the team notified,
-- instead of being claimed forever by workers it keeps crashing.
create policy worker_notify on notifications for insert to current_user with check (true);

create function claim_due_follow_ups(worker text, batch integer, lease_seconds integer)
    returns table (tenant_id uuid, follow_up_id uuid)
    language plpgsql volatile security definer set search_path = public, pg_temp
    as $$
begin
    with lost as (
        update follow_ups f
           set status = 'failed', last_error_code = 'worker_lost',
               last_error = 'The worker sending this text stopped responding on every attempt',
               claimed_by = null, lease_expires_at = null, updated_at = now()
         where f.status = 'sending' and f.lease_expires_at < now() and f.attempts >= f.max_attempts
        returning f.tenant_id, f.contact_id)
    insert into notifications (tenant_id, id, type, title, body, link)
    select l.tenant_id, gen_random_uuid(), 'send_failed', 'A text could not be sent',
           'Sending stopped responding on every attempt.', '/follow-ups'
      from lost l;

    return query
    update follow_ups f
       set status = 'sending',
           claimed_by = worker,
           lease_expires_at = now() + make_interval(secs => lease_seconds),
           attempts = f.attempts + 1,
           updated_at = now()
      from (select d.tenant_id, d.id from follow_ups d
             where (d.status = 'pending' and d.scheduled_at <= now())
                or (d.status = 'sending' and d.lease_expires_at < now())
             order by d.scheduled_at
             limit batch
             for update skip locked) due
     where f.tenant_id = due.tenant_id and f.id = due.id
    returning f.tenant_id, f.id;
end
$$;

-- Finished messages whose price and segment count have not been fetched from Twilio yet.
create function message_details_due(batch integer, min_age_seconds integer) returns table (tenant_id uuid, sms_metric_id uuid)
    language sql stable security definer set search_path = public, pg_temp
    as $$
    select m.tenant_id, m.id from sms_metrics m
     where m.details_fetched_at is null and m.status in ('delivered', 'undelivered', 'failed')
       and m.updated_at <= now() - make_interval(secs => min_age_seconds)
     order by m.updated_at
     limit batch
    $$;

revoke all on function route_twilio_account(text), claim_due_follow_ups(text, integer, integer),
    message_details_due(integer, integer) from public;
grant execute on function route_twilio_account(text), claim_due_follow_ups(text, integer, integer),
    message_details_due(integer, integer) to ${app_role};
