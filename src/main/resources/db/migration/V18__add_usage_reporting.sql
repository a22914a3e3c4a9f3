-- Usage reporting (issue 8): the usage_reports ledger between sms_metrics and Stripe's meter events, claimed by a
-- tenant job like the outbox; and the per-client usage an agency paying for its clients sees.

alter table usage_reports
    add column stripe_customer_id text,
    add column claimed_by         text,
    add column lease_expires_at   timestamptz,
    add column next_attempt_at    timestamptz not null default now(),
    -- When the text was sent: the meter event's timestamp, so it lands in the period it belongs to.
    add column occurred_at        timestamptz not null default now(),
    -- local: recorded in local billing mode, never sent; not_billed: no paying customer (a trial).
    drop constraint usage_reports_status_check,
    add constraint usage_reports_status_check
        check (status in ('pending', 'reported', 'local', 'not_billed', 'failed'));
create index usage_reports_due_idx on usage_reports (next_attempt_at) where status = 'pending';
create index usage_reports_period_idx on usage_reports (tenant_id, occurred_at);

-- The claim functions below run as the owner, which reads and changes ledger rows of every business.
create policy worker_claim on usage_reports for all to current_user using (true) with check (true);

-- Adds a ledger row for every billable text not in the ledger yet: outbound, sent or delivered (failed texts are
-- not billed), with its segment count known. Texts older than 35 days are not looked at (a period is a month).
create function record_billable_usage(batch integer) returns integer
    language plpgsql volatile security definer set search_path = public, pg_temp
    as $$
declare
    added integer;
begin
    perform check_claim_arguments('record_billable_usage', batch, 60);
    insert into usage_reports (tenant_id, id, message_sid, segments, period_start, occurred_at)
    select m.tenant_id, gen_random_uuid(), m.message_sid, m.segments, t.current_period_start,
           coalesce(m.sent_at, m.created_at)
      from sms_metrics m
      join tenants t on t.id = m.tenant_id
     where m.status in ('sent', 'delivered') and m.segments > 0 and m.created_at > now() - interval '35 days'
       and not exists (select 1 from usage_reports u where u.tenant_id = m.tenant_id and u.message_sid = m.message_sid)
     order by m.created_at
     limit batch
    on conflict (tenant_id, message_sid) do nothing;
    get diagnostics added = row_count;
    return added;
end
$$;

-- Claims due ledger rows of any business for a lease; a row whose worker died comes back when its lease runs out.
create function claim_usage_reports(worker text, batch integer, lease_seconds integer)
    returns table (tenant_id uuid, usage_report_id uuid)
    language plpgsql volatile security definer set search_path = public, pg_temp
    as $$
begin
    perform check_claim_arguments(worker, batch, lease_seconds);
    return query
    update usage_reports u
       set claimed_by = worker, lease_expires_at = now() + make_interval(secs => lease_seconds),
           attempts = u.attempts + 1
      from (select d.tenant_id, d.id from usage_reports d
             where d.status = 'pending' and d.next_attempt_at <= now()
               and (d.lease_expires_at is null or d.lease_expires_at < now())
             order by d.next_attempt_at
             limit batch
             for update skip locked) due
     where u.tenant_id = due.tenant_id and u.id = due.id
    returning u.tenant_id, u.id;
end
$$;

-- Segments per client business the current business (an agency) pays for, since a time: its billing page's
-- breakdown. Only clients of the calling tenant are read.
create function agency_client_usage(since timestamptz)
    returns table (tenant_id uuid, name text, segments bigint, texts bigint)
    language sql stable security definer set search_path = public, pg_temp
    as $$
    select t.id, t.name, coalesce(sum(m.segments), 0), count(m.message_sid)
      from tenants t
      left join sms_metrics m on m.tenant_id = t.id and m.status in ('sent', 'delivered') and m.created_at >= since
     where t.agency_id = current_tenant_id() and t.paid_by_agency
     group by t.id, t.name
     order by t.name
    $$;

-- Segments reported to one Stripe customer for texts sent in a time range, of every business billed to it (an
-- agency's customer carries its clients' texts): the ledger side of the reconciliation with Stripe's meter.
create function reported_usage(customer text, from_time timestamptz, to_time timestamptz) returns bigint
    language sql stable security definer set search_path = public, pg_temp
    as $$
    select coalesce(sum(u.segments), 0) from usage_reports u
     where u.stripe_customer_id = customer and u.status = 'reported'
       and u.occurred_at >= from_time and u.occurred_at < to_time
    $$;

revoke all on function reported_usage(text, timestamptz, timestamptz) from public;
grant execute on function reported_usage(text, timestamptz, timestamptz) to ${app_role};

revoke all on function record_billable_usage(integer), claim_usage_reports(text, integer, integer),
    agency_client_usage(timestamptz) from public;
grant execute on function record_billable_usage(integer), claim_usage_reports(text, integer, integer),
    agency_client_usage(timestamptz) to ${app_role};
