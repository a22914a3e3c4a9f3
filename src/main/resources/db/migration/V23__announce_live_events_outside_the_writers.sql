-- Live events are announced outside the transactions that write them. A NOTIFY makes its transaction take one
-- database-wide lock from its commit's queue entry until the commit is flushed, so with a NOTIFY in every webhook's
-- transaction all webhooks committed one at a time: the benchmark's webhook throughput fell from about 900 to 265
-- a second (docs/performance.md). The triggers (V21) only write live_events rows; a replica's listener calls
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
