-- Issue 10's leftovers: the agency roll-up in one statement, an agency's live page woken by its clients' events,
-- an API rate limit shared by every replica, and old webhook deliveries purged.

-- 1. The agency roll-up. One statement counts every client of the calling agency over its own period (each client's
-- period starts at a midnight in its own time zone, computed by the caller), with the same rules as a business's
-- overview (FiguresService): each table is read as one index range per client. Only clients whose agency is the
-- current tenant are read; any other id passed in is ignored. It runs as the owner, who reads these tables through
-- read-only policies (the owner's other policies are in V3, V4 and V21).
create policy definer_read on interactions for select to current_user using (true);
create policy definer_read on leads for select to current_user using (true);

create function agency_client_figures(client_ids uuid[], period_starts timestamptz[])
    returns table (tenant_id uuid, missed_calls bigint, recovered_calls bigint, texts_sent bigint,
                   texts_delivered bigint, texts_failed bigint, callers_texted bigint, callers_replied bigint,
                   median_seconds_to_reply double precision, leads_by_stage jsonb, leads_by_category jsonb,
                   held_texts bigint, first_number text)
    language sql stable security definer set search_path = public, pg_temp
    as $$
    with clients as materialized (
      select c.id, c.since
        from unnest(client_ids, period_starts) as c (id, since)
        join tenants t on t.id = c.id and t.agency_id = current_tenant_id()
       where c.since is not null
    ), responses as materialized (
      -- What a caller did after a call or text, in the period: texted the business, or was called.
      select r.tenant_id, r.contact_id, r.occurred_at, r.type
        from clients c join interactions r on r.tenant_id = c.id and r.occurred_at >= c.since
       where (r.type = 'sms' and r.direction = 'inbound') or (r.type = 'call' and r.direction = 'outbound')
    ), last_response as (
      select x.tenant_id, x.contact_id, max(x.at) as at
        from (select r.tenant_id, r.contact_id, r.occurred_at as at from responses r
              union all
              select f.tenant_id, f.contact_id, f.updated_at
                from clients c join follow_ups f on f.tenant_id = c.id
               where f.type = 'callback' and f.status = 'done' and f.updated_at >= c.since) x
       group by x.tenant_id, x.contact_id
    ), missed as (
      select i.tenant_id, count(*) as calls, count(*) filter (where l.at > i.occurred_at) as recovered
        from clients c join interactions i on i.tenant_id = c.id and i.occurred_at >= c.since
        left join last_response l on l.tenant_id = i.tenant_id and l.contact_id = i.contact_id
       where i.type = 'call' and i.status in ('missed', 'voicemail')
       group by i.tenant_id
    ), texts as materialized (
      select m.tenant_id, m.contact_id, m.created_at, m.is_delivered, m.is_failed
        from clients c join sms_metrics m on m.tenant_id = c.id and m.created_at >= c.since
    ), sent as (
      select t.tenant_id, count(*) as sent, count(*) filter (where t.is_delivered) as delivered,
             count(*) filter (where t.is_failed) as failed
        from texts t group by t.tenant_id
    ), replies as (
      -- Each caller's first text back after the period's first text to them.
      select f.tenant_id, f.first_text, min(r.occurred_at) as reply
        from (select t.tenant_id, t.contact_id, min(t.created_at) as first_text from texts t
               group by t.tenant_id, t.contact_id) f
        left join responses r on r.tenant_id = f.tenant_id and r.contact_id = f.contact_id and r.type = 'sms'
                             and r.occurred_at > f.first_text
       group by f.tenant_id, f.contact_id, f.first_text
    ), reply_figures as (
      select p.tenant_id, count(*) as texted, count(p.reply) as replied,
             percentile_cont(0.5) within group (order by extract(epoch from p.reply - p.first_text)) as median
        from replies p group by p.tenant_id
    ), lead_counts as (
      select l.tenant_id, l.status, l.category, count(*) as n
        from clients c join leads l on l.tenant_id = c.id and l.created_at >= c.since
       group by l.tenant_id, l.status, l.category
    ), by_stage as (
      select s.tenant_id, jsonb_object_agg(s.status, s.n) as counts
        from (select tenant_id, status, sum(n) as n from lead_counts group by tenant_id, status) s
       group by s.tenant_id
    ), by_category as (
      select k.tenant_id, jsonb_object_agg(k.category, k.n) as counts
        from (select tenant_id, category, sum(n) as n from lead_counts group by tenant_id, category) k
       group by k.tenant_id
    ), held as (
      select f.tenant_id, count(*) as texts
        from clients c join follow_ups f on f.tenant_id = c.id
       where f.status = 'held'
       group by f.tenant_id
    ), numbers as (
      select distinct on (p.tenant_id) p.tenant_id, p.e164
        from clients c join phone_numbers p on p.tenant_id = c.id
       where p.status = 'active'
       order by p.tenant_id, p.created_at
    )
    select c.id, coalesce(m.calls, 0), coalesce(m.recovered, 0), coalesce(s.sent, 0), coalesce(s.delivered, 0),
           coalesce(s.failed, 0), coalesce(r.texted, 0), coalesce(r.replied, 0), r.median,
           coalesce(st.counts, '{}'), coalesce(ca.counts, '{}'), coalesce(h.texts, 0), n.e164
      from clients c
      left join missed m on m.tenant_id = c.id
      left join sent s on s.tenant_id = c.id
      left join reply_figures r on r.tenant_id = c.id
      left join by_stage st on st.tenant_id = c.id
      left join by_category ca on ca.tenant_id = c.id
      left join held h on h.tenant_id = c.id
      left join numbers n on n.tenant_id = c.id
    $$;
revoke all on function agency_client_figures(uuid[], timestamptz[]) from public;
grant execute on function agency_client_figures(uuid[], timestamptz[]) to ${app_role};

-- 2. An agency's live pages (its roll-up) change when a client's calls, texts and leads do. The announcement of a
-- client's events also wakes its agency's streams ('<agency id>:<event id>'), and the agency's stream reads its own
-- events and its clients' through agency_live_events: the clients' without the ids of their rows (the agency page
-- only needs to know that something changed and redraws the figures through its own authorised request).
create or replace function announce_live_events() returns integer
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
    with fresh as (
      select e.tenant_id, max(e.id) as id
        from live_events e
       where e.txid >= announced_below and e.txid < ended_below
       group by e.tenant_id
    )
    select count(*) into announced
      from (select pg_notify('live_events', x.tenant_id::text || ':' || max(x.id)::text)
              from (select f.tenant_id, f.id from fresh f
                    union all
                    select t.agency_id, f.id from fresh f join tenants t on t.id = f.tenant_id
                     where t.agency_id is not null) x
             group by x.tenant_id) sent;
    update live_announcer set horizon = ended_below;
    return announced;
end
$$;

-- The calling tenant's events and its clients' after a position, in (txid, id) order, and whether each one's
-- transaction may still be running (as LiveEventLog's query for a single business).
create function agency_live_events(after_txid bigint, after_id bigint, max_rows integer)
    returns table (txid bigint, id bigint, kind text, subject_id uuid, contact_id uuid, held_back boolean)
    language sql stable security definer set search_path = public, pg_temp
    as $$
    with horizon as materialized (select pg_snapshot_xmin(pg_current_snapshot())::text::bigint as txid),
    watched as materialized (
      select current_tenant_id() as tenant_id, true as own
      union all
      select t.id, false from tenants t where t.agency_id = current_tenant_id() and current_tenant_id() is not null
    )
    select e.txid, e.id, e.kind,
           case when w.own then e.subject_id end, case when w.own then e.contact_id end,
           e.txid >= h.txid
      from watched w
      join live_events e on e.tenant_id = w.tenant_id and (e.txid, e.id) > (after_txid, after_id)
      cross join horizon h
     order by e.txid, e.id
     limit least(greatest(max_rows, 1), 1000)
    $$;
revoke all on function agency_live_events(bigint, bigint, integer) from public;
grant execute on function agency_live_events(bigint, bigint, integer) to ${app_role};

-- 3. The API rate limit, shared by every replica: requests per API key in fixed one-minute windows, counted by one
-- upsert per request (ApiRateLimiter). Windows older than a few minutes are deleted by prune_api_request_windows().
create table api_request_windows (
    tenant_id    uuid not null references tenants (id),
    api_key_id   uuid not null,
    window_start timestamptz not null,
    requests     integer not null,
    primary key (tenant_id, api_key_id, window_start)
);
create index api_request_windows_age_idx on api_request_windows (window_start);
select enable_tenant_isolation('api_request_windows');
create policy window_pruner on api_request_windows for delete to current_user using (true);

create function prune_api_request_windows() returns integer
    language plpgsql volatile security definer set search_path = public, pg_temp
    as $$
declare
    removed integer;
begin
    delete from api_request_windows where window_start < now() - interval '5 minutes';
    get diagnostics removed = row_count;
    return removed;
end
$$;
revoke all on function prune_api_request_windows() from public;
grant execute on function prune_api_request_windows() to ${app_role};

-- 4. Webhook deliveries that are finished (delivered, or failed for good) are kept for the business's page and for
-- support for a while, then deleted for every business at once (ApiPruning; docs/api.md says how long).
create index webhook_deliveries_finished_idx on webhook_deliveries (created_at) where status in ('delivered', 'failed');

create function purge_webhook_deliveries(older_than_seconds integer) returns integer
    language plpgsql volatile security definer set search_path = public, pg_temp
    as $$
declare
    removed integer;
begin
    if older_than_seconds is null or older_than_seconds < 3600 then
        raise exception 'older_than_seconds must be at least 3600';
    end if;
    delete from webhook_deliveries
     where status in ('delivered', 'failed') and created_at < now() - make_interval(secs => older_than_seconds);
    get diagnostics removed = row_count;
    return removed;
end
$$;
revoke all on function purge_webhook_deliveries(integer) from public;
grant execute on function purge_webhook_deliveries(integer) to ${app_role};
