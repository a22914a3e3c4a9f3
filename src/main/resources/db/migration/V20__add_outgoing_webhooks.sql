-- Outgoing webhooks: a business registers HTTPS endpoints; events (a missed call, a reply, a lead moved) become
-- delivery rows written by triggers in the very transaction that records the event, whichever path records it
-- (Twilio webhook, page, API); a worker delivers them after commit, signed, with retries and backoff.

create table webhook_endpoints (
    tenant_id        uuid not null references tenants (id),
    id               uuid not null,
    url              text not null check (url ~ '^https?://' and length(url) <= 2000),
    -- The signing secret, encrypted at rest like a subaccount's auth token (SecretCipher).
    secret_encrypted text not null,
    events           text[] not null default '{call.missed,message.received,lead.moved}'
        check (cardinality(events) >= 1 and events <@ array['call.missed', 'message.received', 'lead.moved']::text[]),
    created_by       uuid references users (id),
    created_at       timestamptz not null default now(),
    disabled_at      timestamptz,
    primary key (tenant_id, id)
);

create table webhook_deliveries (
    tenant_id        uuid not null references tenants (id),
    id               uuid not null,
    endpoint_id      uuid not null,
    event_type       text not null check (event_type in ('call.missed', 'message.received', 'lead.moved')),
    payload          jsonb not null,
    status           text not null default 'pending' check (status in ('pending', 'sending', 'delivered', 'failed')),
    attempts         integer not null default 0,
    max_attempts     integer not null default 12,
    next_attempt_at  timestamptz not null default now(),
    claimed_by       text,
    lease_expires_at timestamptz,
    last_status_code integer,
    last_error       text,
    created_at       timestamptz not null default now(),
    delivered_at     timestamptz,
    primary key (tenant_id, id),
    foreign key (tenant_id, endpoint_id) references webhook_endpoints (tenant_id, id)
);
create index webhook_deliveries_due_idx on webhook_deliveries (next_attempt_at) where status = 'pending';
create index webhook_deliveries_lease_idx on webhook_deliveries (lease_expires_at) where status = 'sending';
create index webhook_deliveries_recent_idx on webhook_deliveries (tenant_id, endpoint_id, created_at desc);
-- The API lists follow-ups newest first by cursor (created_at, id).
create index follow_ups_created_idx on follow_ups (tenant_id, created_at desc, id desc);

select enable_tenant_isolation('webhook_endpoints');
select enable_tenant_isolation('webhook_deliveries');

-- Runs as the writer of the event, inside its transaction and tenant: row-level security keeps it to that business.
create function enqueue_webhook(tenant uuid, event text, data jsonb) returns void
    language sql volatile set search_path = public, pg_temp
    as $$
    insert into webhook_deliveries (tenant_id, id, endpoint_id, event_type, payload)
    select e.tenant_id, d.id, e.id, event,
           jsonb_build_object('id', d.id, 'type', event, 'createdAt', now(), 'data', data)
      from webhook_endpoints e
      cross join lateral (select gen_random_uuid() as id) d
     where e.tenant_id = tenant and e.disabled_at is null and event = any (e.events)
$$;

create function contact_json(tenant uuid, contact uuid) returns jsonb
    language sql stable set search_path = public, pg_temp
    as $$ select jsonb_build_object('id', c.id, 'phone', c.phone, 'name', c.name)
            from contacts c where c.tenant_id = tenant and c.id = contact $$;

-- The triggers' WHEN clauses keep every other row (outbound texts, delivery status callbacks) from calling a function.
create function interaction_webhook() returns trigger
    language plpgsql set search_path = public, pg_temp
    as $$
begin
    if not exists (select 1 from webhook_endpoints e where e.tenant_id = new.tenant_id and e.disabled_at is null) then
        return null;
    end if;
    perform enqueue_webhook(new.tenant_id, case when new.type = 'sms' then 'message.received' else 'call.missed' end,
        jsonb_build_object(
            'interaction', jsonb_build_object('id', new.id, 'type', new.type, 'status', new.status, 'body', new.body,
                                              'category', new.category, 'occurredAt', new.occurred_at),
            'contact', contact_json(new.tenant_id, new.contact_id)));
    return null;
end
$$;
create trigger interactions_webhook_on_insert after insert on interactions
    for each row when (new.direction = 'inbound'
                       and (new.type = 'sms' or (new.type = 'call' and new.status in ('missed', 'voicemail'))))
    execute function interaction_webhook();
create trigger interactions_webhook_on_missed after update of status on interactions
    for each row when (new.direction = 'inbound' and new.type = 'call' and new.status in ('missed', 'voicemail')
                       and old.status not in ('missed', 'voicemail'))
    execute function interaction_webhook();

create function lead_webhook() returns trigger
    language plpgsql set search_path = public, pg_temp
    as $$
begin
    if not exists (select 1 from webhook_endpoints e where e.tenant_id = new.tenant_id and e.disabled_at is null) then
        return null;
    end if;
    perform enqueue_webhook(new.tenant_id, 'lead.moved', jsonb_build_object(
        'lead', jsonb_build_object('id', new.id, 'from', old.status, 'to', new.status, 'category', new.category),
        'contact', contact_json(new.tenant_id, new.contact_id)));
    return null;
end
$$;
create trigger leads_webhook after update of status on leads
    for each row when (old.status is distinct from new.status) execute function lead_webhook();

-- Claims due deliveries of every business for one worker (as the outbox claim of V4/V8): a lease, so a replica that
-- dies mid-delivery releases its rows; a delivery whose worker kept dying is failed after its last attempt.
create policy worker_claim on webhook_deliveries for all to current_user using (true) with check (true);

create function claim_due_webhook_deliveries(worker text, batch integer, lease_seconds integer)
    returns table (tenant_id uuid, delivery_id uuid)
    language plpgsql volatile security definer set search_path = public, pg_temp
    as $$
begin
    perform check_claim_arguments(worker, batch, lease_seconds);
    update webhook_deliveries w
       set status = 'failed', last_error = 'The worker delivering this event stopped responding on every attempt',
           claimed_by = null, lease_expires_at = null
     where w.status = 'sending' and w.lease_expires_at < now() and w.attempts >= w.max_attempts;

    return query
    update webhook_deliveries w
       set status = 'sending',
           claimed_by = worker,
           lease_expires_at = now() + make_interval(secs => lease_seconds),
           attempts = w.attempts + 1
      from (select d.tenant_id, d.id from webhook_deliveries d
             where (d.status = 'pending' and d.next_attempt_at <= now())
                or (d.status = 'sending' and d.lease_expires_at < now())
             order by d.next_attempt_at
             limit batch
             for update skip locked) due
     where w.tenant_id = due.tenant_id and w.id = due.id
    returning w.tenant_id, w.id;
end
$$;

revoke all on function claim_due_webhook_deliveries(text, integer, integer) from public;
grant execute on function claim_due_webhook_deliveries(text, integer, integer) to ${app_role};
