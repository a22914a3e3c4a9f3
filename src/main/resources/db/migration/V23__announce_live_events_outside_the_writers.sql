-- Live events are announced outside the transactions that write them. A NOTIFY makes its transaction take one
-- database-wide lock from its commit's queue entry until the commit is flushed, so with a NOTIFY in every webhook's
-- transaction all webhooks committed one at a time: the benchmark's webhook throughput fell from about 900 to 265
-- a second (docs/performance.md). The triggers now only write live_events rows; a replica's listener calls
-- announce_live_events() a few times a second, and one call at a time announces, per business, the events of
-- every transaction that has ended since the last announcement.

create table live_announcer (
    singleton boolean primary key default true check (singleton),
    -- Events of transactions below this one were announced: every transaction below it had ended by then.
    horizon   bigint not null
);
insert into live_announcer (horizon) values (pg_snapshot_xmin(pg_current_snapshot())::text::bigint);
revoke all on live_announcer from ${app_role};
create index live_events_txid_idx on live_events (txid);

create or replace function record_interaction_events() returns trigger
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

create or replace function record_lead_events() returns trigger
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

create or replace function record_notification_events() returns trigger
    language plpgsql security definer set search_path = public, pg_temp
    as $$
begin
    insert into live_events (tenant_id, kind, subject_id)
    select n.tenant_id, 'notification', n.id from inserted n;
    return null;
end
$$;

-- Announces, once per business, the events of the transactions that ended since the last call (below the oldest
-- transaction still running, nothing new can appear later); returns how many businesses it announced. A call
-- while another replica's is running returns 0 and leaves the work to it. Payloads are '<tenant id>:<event id>'.
create function announce_live_events() returns integer
    language plpgsql volatile security definer set search_path = public, pg_temp
    as $$
declare
    ended_below bigint := pg_snapshot_xmin(pg_current_snapshot())::text::bigint;
    announced_below bigint;
    announced integer;
begin
    select horizon into announced_below from live_announcer for update skip locked;
    if not found or ended_below <= announced_below then
        return 0;
    end if;
    select count(*) into announced
      from (select pg_notify('live_events', tenant_id::text || ':' || max(id)::text)
              from live_events
             where txid >= announced_below and txid < ended_below
             group by tenant_id) sent;
    update live_announcer set horizon = ended_below;
    return announced;
end
$$;
revoke all on function announce_live_events() from public;
grant execute on function announce_live_events() to ${app_role};
