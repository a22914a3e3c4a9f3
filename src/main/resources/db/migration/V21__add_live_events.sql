-- Live updates of open pages. Every change a page shows live (a call, a text, a delivery report, a lead moving, a
-- notification) writes a row here in the same transaction as the change, by triggers, so no writer has to know.
-- The announcement on the channel live_events ('<tenant id>:<event id>') is made outside the writers' transactions
-- by announce_live_events() (V23). Each replica LISTENs on one connection and reads the rows of the tenants it has
-- open streams for, through RLS.
--
-- Order: ids come from a sequence, and a transaction that took id 10 may commit after one that took id 11, so
-- "every id above the last one sent" would lose 10. Each row therefore records the transaction that wrote it, and
-- a reader only hands out rows of transactions older than the oldest one still running
-- (pg_snapshot_xmin(pg_current_snapshot())): all of those have ended, so nothing can appear below that line later.
-- A stream's position is (txid, id), which is also the SSE event id a reconnecting browser sends back.
create table live_events (
    tenant_id  uuid not null references tenants (id),
    id         bigint generated always as identity,
    txid       bigint not null default (pg_current_xact_id()::text::bigint),
    kind       text not null check (kind in ('call', 'text', 'delivery', 'lead', 'notification')),
    subject_id uuid,
    contact_id uuid,
    created_at timestamptz not null default now(),
    primary key (tenant_id, id)
);
create index live_events_position_idx on live_events (tenant_id, txid, id);
-- Pruning scans by age across tenants.
create index live_events_age_idx on live_events (created_at);
select enable_tenant_isolation('live_events');
-- The triggers below run as the owner (SECURITY DEFINER), also inside the owner's claim functions where no tenant
-- is set: the row they copy was already admitted by its own table's policy.
create policy live_event_writer on live_events for insert to current_user with check (true);
create policy live_event_returning on live_events for select to current_user using (true);
create policy live_event_pruner on live_events for delete to current_user using (true);

-- Each trigger writes one row per changed row; it does not NOTIFY (see V23).
create function record_interaction_events() returns trigger
    language plpgsql security definer set search_path = public, pg_temp
    as $$
begin
    if tg_op = 'INSERT' then
        insert into live_events (tenant_id, kind, subject_id, contact_id)
        select n.tenant_id, case when n.type = 'sms' then 'text' else 'call' end, n.id, n.contact_id
          from inserted n
         where n.type <> 'note';
    else
        -- A call that turned missed, a text that was delivered or failed: the status is what pages show.
        insert into live_events (tenant_id, kind, subject_id, contact_id)
        select n.tenant_id, case when n.type = 'sms' then 'delivery' else 'call' end, n.id, n.contact_id
          from updated n join previous o on o.tenant_id = n.tenant_id and o.id = n.id
         where n.type <> 'note' and (o.status is distinct from n.status or o.category is distinct from n.category);
    end if;
    return null;
end
$$;

create trigger interactions_live_insert after insert on interactions
    referencing new table as inserted
    for each statement execute function record_interaction_events();
create trigger interactions_live_update after update on interactions
    referencing old table as previous new table as updated
    for each statement execute function record_interaction_events();

create function record_lead_events() returns trigger
    language plpgsql security definer set search_path = public, pg_temp
    as $$
begin
    if tg_op = 'INSERT' then
        insert into live_events (tenant_id, kind, subject_id, contact_id)
        select n.tenant_id, 'lead', n.id, n.contact_id from inserted n;
    else
        insert into live_events (tenant_id, kind, subject_id, contact_id)
        select n.tenant_id, 'lead', n.id, n.contact_id
          from updated n join previous o on o.tenant_id = n.tenant_id and o.id = n.id
         where o.status is distinct from n.status or o.category is distinct from n.category;
    end if;
    return null;
end
$$;

create trigger leads_live_insert after insert on leads
    referencing new table as inserted
    for each statement execute function record_lead_events();
create trigger leads_live_update after update on leads
    referencing old table as previous new table as updated
    for each statement execute function record_lead_events();

create function record_notification_events() returns trigger
    language plpgsql security definer set search_path = public, pg_temp
    as $$
begin
    insert into live_events (tenant_id, kind, subject_id)
    select n.tenant_id, 'notification', n.id from inserted n;
    return null;
end
$$;

create trigger notifications_live_insert after insert on notifications
    referencing new table as inserted
    for each statement execute function record_notification_events();

-- Events are only needed while a browser might reconnect; older ones are deleted for every tenant at once.
create function prune_live_events(older_than_seconds integer) returns integer
    language plpgsql volatile security definer set search_path = public, pg_temp
    as $$
declare
    removed integer;
begin
    if older_than_seconds is null or older_than_seconds < 60 then
        raise exception 'older_than_seconds must be at least 60';
    end if;
    delete from live_events where created_at < now() - make_interval(secs => older_than_seconds);
    get diagnostics removed = row_count;
    return removed;
end
$$;

revoke all on function record_interaction_events(), record_lead_events(),
    record_notification_events(), prune_live_events(integer) from public;
grant execute on function prune_live_events(integer) to ${app_role};
