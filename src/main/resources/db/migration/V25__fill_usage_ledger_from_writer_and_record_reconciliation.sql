-- Billing review (issue 8): the usage ledger is filled by the writer of sms_metrics instead of a scan of 35 days of
-- texts every minute; reported_usage answers only for the caller's own Stripe customer (or its clients'); the
-- reconciliation with Stripe's meter is recorded per business and day.

-- A text that entered the ledger and failed before it was reported is never billed.
alter table usage_reports
    drop constraint usage_reports_status_check,
    add constraint usage_reports_status_check
        check (status in ('pending', 'reported', 'local', 'not_billed', 'cancelled', 'failed'));

-- The ledger row of a text is written in the transaction that makes the text billable (outbound, sent or delivered,
-- its segment count known), so the reporting job reads only ledger rows and never sms_metrics. The unique
-- (tenant_id, message_sid) keeps one row per message however often the text's row changes. A text that turns
-- undelivered or failed before its row is reported is cancelled. Runs as the writer (row-level security applies:
-- the row is the writer's own business's). The WHEN clauses keep the dispatcher's inserts (status queued) and
-- updates of other columns from calling it at all.
create function enter_billable_usage() returns trigger
    language plpgsql
    as $$
begin
    if new.status in ('sent', 'delivered') and new.segments > 0 then
        insert into usage_reports (tenant_id, id, message_sid, segments, occurred_at)
        values (new.tenant_id, gen_random_uuid(), new.message_sid, new.segments, coalesce(new.sent_at, new.created_at))
        on conflict (tenant_id, message_sid) do update set segments = excluded.segments
         where usage_reports.status = 'pending' and usage_reports.segments <> excluded.segments;
    elsif new.status in ('undelivered', 'failed') then
        update usage_reports u set status = 'cancelled', claimed_by = null, lease_expires_at = null
         where u.tenant_id = new.tenant_id and u.message_sid = new.message_sid and u.status = 'pending';
    end if;
    return null;
end
$$;
create trigger sms_metrics_enter_billable_usage after insert on sms_metrics
    for each row when (new.status in ('sent', 'delivered') and new.segments > 0)
    execute function enter_billable_usage();
create trigger sms_metrics_update_billable_usage after update of status, segments on sms_metrics
    for each row when (old.status is distinct from new.status or old.segments is distinct from new.segments)
    execute function enter_billable_usage();

-- Billable texts written before the triggers: once, here. The triggers above already hold sms_metrics' lock, so no
-- write falls between this statement and them.
insert into usage_reports (tenant_id, id, message_sid, segments, period_start, occurred_at)
select m.tenant_id, gen_random_uuid(), m.message_sid, m.segments, t.current_period_start, coalesce(m.sent_at, m.created_at)
  from sms_metrics m
  join tenants t on t.id = m.tenant_id
 where m.status in ('sent', 'delivered') and m.segments > 0 and m.created_at > now() - interval '35 days'
on conflict (tenant_id, message_sid) do nothing;

drop function record_billable_usage(integer);

-- Segments reported to one Stripe customer for texts sent in a time range, of every business billed to it (an
-- agency's customer carries its clients' texts). Only the current business's own customer, or one of its client
-- businesses' customers, may be asked about: any other is refused (SQLSTATE 42501).
create or replace function reported_usage(customer text, from_time timestamptz, to_time timestamptz) returns bigint
    language plpgsql stable security definer set search_path = public, pg_temp
    as $$
declare
    total bigint;
begin
    if customer is null or current_tenant_id() is null or not exists (
            select 1 from tenants t
             where t.stripe_customer_id = customer
               and (t.id = current_tenant_id() or t.agency_id = current_tenant_id())) then
        raise exception 'reported_usage: % is not the Stripe customer of the current business or its clients',
            coalesce(customer, 'null') using errcode = '42501';
    end if;
    select coalesce(sum(u.segments), 0) into total from usage_reports u
     where u.stripe_customer_id = customer and u.status = 'reported'
       and u.occurred_at >= from_time and u.occurred_at < to_time;
    return total;
end
$$;
revoke all on function reported_usage(text, timestamptz, timestamptz) from public;
grant execute on function reported_usage(text, timestamptz, timestamptz) to ${app_role};

-- The businesses that pay through a Stripe subscription, with their customer: whose meters the reconciliation
-- compares. Ids only, no business data.
create function billed_stripe_customers() returns table (tenant_id uuid, stripe_customer_id text)
    language sql stable security definer set search_path = public, pg_temp
    as $$
    select t.id, t.stripe_customer_id from tenants t
     where t.stripe_subscription_id is not null and t.stripe_customer_id is not null
     order by t.id
    $$;
revoke all on function billed_stripe_customers() from public;
grant execute on function billed_stripe_customers() to ${app_role};

-- Texts of the current business, and of the clients it pays for, whose report to Stripe is behind: failed for
-- good, or still pending after a failed attempt or for longer than the given time. The billing page says its
-- figures are delayed while there are any.
create function usage_reports_behind(older_than interval) returns bigint
    language sql stable security definer set search_path = public, pg_temp
    as $$
    select count(*) from usage_reports u
     where u.tenant_id in (select current_tenant_id()
                           union all
                           select t.id from tenants t where t.agency_id = current_tenant_id() and t.paid_by_agency)
       and (u.status = 'failed'
            or (u.status = 'pending' and (u.attempts > 0 and u.last_error is not null
                                          or u.created_at < now() - older_than)))
    $$;
revoke all on function usage_reports_behind(interval) from public;
grant execute on function usage_reports_behind(interval) to ${app_role};

-- One row per paying business and compared period: what our ledger says was reported, what Stripe's meter
-- counted, and whether the platform operator has been told about a difference (once per mismatch).
create table usage_reconciliations (
    tenant_id            uuid not null references tenants (id),
    id                   uuid not null,
    stripe_customer_id   text not null,
    period_start         timestamptz not null,
    period_end           timestamptz not null check (period_end > period_start),
    ledger_segments      bigint not null,
    -- null when Stripe could not be read (status unchecked).
    stripe_segments      numeric,
    status               text not null check (status in ('matched', 'mismatched', 'unchecked')),
    error                text,
    checked_at           timestamptz not null default now(),
    operator_notified_at timestamptz,
    primary key (tenant_id, id),
    unique (tenant_id, period_start, period_end)
);
create index usage_reconciliations_recent_idx on usage_reconciliations (tenant_id, period_end desc);
select enable_tenant_isolation('usage_reconciliations');
revoke delete on usage_reconciliations from ${app_role};
