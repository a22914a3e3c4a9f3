-- The SECURITY DEFINER functions (routing lookups before a tenant is known, the workers' claims, the live-event
-- triggers) ran as the schema owner, through owner-only policies ("to current_user", often "for all ... using
-- (true)") that let any of them read and change every row of every business, encrypted tokens included. From here
-- they run as ${definer_role}: a NOLOGIN role created by the database administrator (docs/operations.md) and granted
-- to the owner, which may read only the columns the functions need, through policies narrowed to the rows and
-- commands each kind of work needs. The application role is not a member of it and keeps tenant_isolation only.
-- Policies no longer apply to PUBLIC: tenant_isolation applies to ${app_role}, every other policy to
-- ${definer_role}. RowLevelSecurityCatalogTest holds all of this.

do $$
declare
    definer pg_roles%rowtype;
begin
    select * into definer from pg_roles where rolname = '${definer_role}';
    if not found then
        raise exception 'Role ${definer_role} does not exist. A database administrator creates it once: '
            'create role ${definer_role} nologin nosuperuser nobypassrls; grant ${definer_role} to %; '
            '(docs/operations.md)', current_user;
    end if;
    if definer.rolcanlogin or definer.rolsuper or definer.rolbypassrls then
        raise exception 'Role ${definer_role} must be NOLOGIN, NOSUPERUSER and NOBYPASSRLS';
    end if;
    if not pg_has_role(current_user, definer.oid, 'MEMBER') then
        raise exception 'The owner role % must be a member of ${definer_role} to hand it the definer functions: '
            'grant ${definer_role} to % (docs/operations.md)', current_user, current_user;
    end if;
    if pg_has_role('${app_role}', definer.oid, 'MEMBER') then
        raise exception 'The application role ${app_role} must not be a member of ${definer_role}';
    end if;
end
$$;

-- Hands a SECURITY DEFINER function to ${definer_role}: it then runs with that role's narrow grants. PostgreSQL lets
-- only a role with CREATE on the schema own a function, so the role holds CREATE for the moment of the change.
-- A migration adding a definer function calls this right after creating it.
create function hand_to_definer(fn regprocedure) returns void
    language plpgsql
    as $$
begin
    execute 'grant create on schema public to ${definer_role}';
    execute format('alter function %s owner to ${definer_role}', fn);
    execute 'revoke create on schema public from ${definer_role}';
end
$$;
revoke all on function hand_to_definer(regprocedure) from public;

-- tenant_isolation applied to PUBLIC; it is the application role's policy.
do $$
declare
    p record;
begin
    for p in select schemaname, tablename from pg_policies where policyname = 'tenant_isolation' and schemaname = 'public'
    loop
        execute format('alter policy tenant_isolation on %I.%I to ${app_role}', p.schemaname, p.tablename);
    end loop;
end
$$;

create or replace function enable_tenant_isolation(table_name regclass) returns void
    language plpgsql
    as $$
begin
    execute format('alter table %s enable row level security', table_name);
    execute format('alter table %s force row level security', table_name);
    execute format('create policy tenant_isolation on %s to ${app_role} using (tenant_id = current_tenant_id()) '
                   'with check (tenant_id = current_tenant_id())', table_name);
end
$$;

-- The owner's policies go; each is replaced below by one for ${definer_role}, limited to what its functions do.
drop policy routing_lookup on phone_numbers;
drop policy routing_lookup on memberships;
drop policy routing_lookup on invitations;
drop policy routing_lookup on api_keys;
drop policy routing_lookup on twilio_accounts;
drop policy record_api_key_use on api_keys;
drop policy worker_claim on follow_ups;
drop policy worker_claim on sms_metrics;
drop policy worker_notify on notifications;
drop policy worker_claim on notifications;
drop policy worker_claim on usage_reports;
drop policy worker_claim on webhook_deliveries;
drop policy live_event_writer on live_events;
drop policy live_event_returning on live_events;
drop policy live_event_pruner on live_events;

-- Routing lookups: read-only, and only the routing columns. The one secret: route_twilio_number() and
-- route_twilio_subaccount() return a subaccount's encrypted auth token, because checking the webhook's signature is
-- what they route for (V14); no other column holding a token, key or secret is granted.
create policy routing_lookup on phone_numbers for select to ${definer_role} using (true);
grant select (tenant_id, id, e164, status, twilio_account_id, released_at) on phone_numbers to ${definer_role};

create policy routing_lookup on memberships for select to ${definer_role} using (true);
grant select (tenant_id, user_id, role) on memberships to ${definer_role};

create policy routing_lookup on invitations for select to ${definer_role} using (true);
grant select (tenant_id, id, token_hash) on invitations to ${definer_role};

create policy routing_lookup on twilio_accounts for select to ${definer_role} using (true);
grant select (tenant_id, id, subaccount_sid, status, created_at, auth_token_encrypted) on twilio_accounts
    to ${definer_role};

-- authenticate_api_key() finds a live key and stamps when it was used; revoked keys are neither read nor written.
create policy routing_lookup on api_keys for select to ${definer_role} using (revoked_at is null);
create policy record_api_key_use on api_keys for update to ${definer_role}
    using (revoked_at is null) with check (revoked_at is null);
grant select (tenant_id, id, key_prefix, key_hash, revoked_at, scopes, created_by, last_used_at) on api_keys
    to ${definer_role};
grant update (last_used_at) on api_keys to ${definer_role};

-- The outbox claim: rows waiting or being sent; a claim makes them 'sending', a lost worker's last attempt 'failed'.
create policy worker_claim on follow_ups for select to ${definer_role}
    using (status in ('pending', 'sending', 'failed'));
create policy worker_claim_update on follow_ups for update to ${definer_role}
    using (status in ('pending', 'sending')) with check (status in ('sending', 'failed'));
grant select (tenant_id, id, contact_id, type, status, scheduled_at, lease_expires_at, attempts, max_attempts)
    on follow_ups to ${definer_role};
grant update (status, claimed_by, lease_expires_at, attempts, last_error_code, last_error, updated_at)
    on follow_ups to ${definer_role};

-- The outbox claim tells the team about a text given up; the alert claim leases notifications whose alerts are due.
create policy worker_notify on notifications for insert to ${definer_role} with check (type = 'send_failed');
create policy worker_claim on notifications for select to ${definer_role}
    using (alert_state in ('pending', 'claimed'));
create policy worker_claim_update on notifications for update to ${definer_role}
    using (alert_state in ('pending', 'claimed')) with check (alert_state in ('claimed', 'done'));
grant insert (tenant_id, id, type, title, body, link) on notifications to ${definer_role};
grant select (tenant_id, id, created_at, alert_state, alert_lease_until, alert_attempts) on notifications
    to ${definer_role};
grant update (alert_state, alert_claimed_by, alert_lease_until, alert_attempts) on notifications to ${definer_role};

-- Message details, billable usage and an agency's client usage read texts' outcomes, never their bodies or numbers.
create policy worker_claim on sms_metrics for select to ${definer_role} using (true);
grant select (tenant_id, id, message_sid, status, segments, sent_at, created_at, updated_at, details_fetched_at)
    on sms_metrics to ${definer_role};

-- The usage ledger: rows are added pending, claimed while pending; reported_usage() sums reported ones.
create policy worker_claim on usage_reports for select to ${definer_role} using (true);
create policy worker_record on usage_reports for insert to ${definer_role} with check (status = 'pending');
create policy worker_claim_update on usage_reports for update to ${definer_role}
    using (status = 'pending') with check (status = 'pending');
grant select (tenant_id, id, message_sid, segments, status, next_attempt_at, lease_expires_at, claimed_by, attempts,
              stripe_customer_id, occurred_at) on usage_reports to ${definer_role};
grant insert (tenant_id, id, message_sid, segments, period_start, occurred_at) on usage_reports to ${definer_role};
grant update (claimed_by, lease_expires_at, attempts) on usage_reports to ${definer_role};

create policy worker_claim on webhook_deliveries for select to ${definer_role}
    using (status in ('pending', 'sending', 'failed'));
create policy worker_claim_update on webhook_deliveries for update to ${definer_role}
    using (status in ('pending', 'sending')) with check (status in ('sending', 'failed'));
grant select (tenant_id, id, status, next_attempt_at, lease_expires_at, attempts, max_attempts)
    on webhook_deliveries to ${definer_role};
grant update (status, claimed_by, lease_expires_at, attempts, last_error) on webhook_deliveries to ${definer_role};

-- Live events: the triggers write them (the row they copy was admitted by its own table's policy), the announcer
-- reads their positions, the pruner deletes only rows older than the shortest age it accepts.
create policy live_event_writer on live_events for insert to ${definer_role} with check (true);
create policy live_event_reader on live_events for select to ${definer_role} using (true);
create policy live_event_pruner on live_events for delete to ${definer_role}
    using (created_at < now() - interval '60 seconds');
grant insert (tenant_id, kind, subject_id, contact_id) on live_events to ${definer_role};
grant select (tenant_id, id, txid, created_at) on live_events to ${definer_role};
grant delete on live_events to ${definer_role};
grant select (horizon), update (horizon) on live_announcer to ${definer_role};

-- The businesses the claims and lookups join: routing and billing columns only (V28 adds row-level security).
grant select (id, status, kind, agency_id, paid_by_agency, name, stripe_customer_id, current_period_start,
              provisioning_status, provisioning_lease_until, provisioning_attempts, updated_at) on tenants
    to ${definer_role};
grant update (provisioning_status, provisioning_lease_until, provisioning_attempts) on tenants to ${definer_role};

grant execute on function check_claim_arguments(text, integer, integer), current_tenant_id() to ${definer_role};

-- Arguments the application could get wrong (or an attacker inside it could abuse) are checked in every function
-- it calls; these two had no check.
create or replace function message_details_due(batch integer, min_age_seconds integer)
    returns table (tenant_id uuid, sms_metric_id uuid)
    language plpgsql stable security definer set search_path = public, pg_temp
    as $$
begin
    if batch is null or batch not between 1 and 1000 then
        raise exception 'batch must be between 1 and 1000' using errcode = '22023';
    end if;
    if min_age_seconds is null or min_age_seconds not between 0 and 86400 then
        raise exception 'min_age_seconds must be between 0 and 86400' using errcode = '22023';
    end if;
    return query
    select m.tenant_id, m.id from sms_metrics m
     where m.details_fetched_at is null and m.status in ('delivered', 'undelivered', 'failed')
       and m.updated_at <= now() - make_interval(secs => min_age_seconds)
     order by m.updated_at
     limit batch;
end
$$;

create or replace function reported_usage(customer text, from_time timestamptz, to_time timestamptz) returns bigint
    language plpgsql stable security definer set search_path = public, pg_temp
    as $$
begin
    if customer is null or length(customer) not between 1 and 255 then
        raise exception 'customer must be a Stripe customer id' using errcode = '22023';
    end if;
    if from_time is null or to_time is null or to_time < from_time or to_time - from_time > interval '400 days' then
        raise exception 'the time range must be given, in order, and at most 400 days long' using errcode = '22023';
    end if;
    return (select coalesce(sum(u.segments), 0) from usage_reports u
             where u.stripe_customer_id = customer and u.status = 'reported'
               and u.occurred_at >= from_time and u.occurred_at < to_time);
end
$$;

-- The claims pick their rows in a MATERIALIZED CTE, evaluated once. As "update ... from (select ... limit n for
-- update skip locked)", the planner may rescan the subquery for every row it joins once row-level security applies
-- to the claiming role, and a claim of 20 then took every due row (TenantJobRunnerTest). Bodies as in V8, V9, V15,
-- V18 and V20 otherwise.
create or replace function claim_due_follow_ups(worker text, batch integer, lease_seconds integer)
    returns table (tenant_id uuid, follow_up_id uuid)
    language plpgsql volatile security definer set search_path = public, pg_temp
    as $$
begin
    perform check_claim_arguments(worker, batch, lease_seconds);
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
    with due as materialized (
        select d.tenant_id, d.id from follow_ups d
         where (d.status = 'pending' and d.scheduled_at <= now() and d.type <> 'callback')
            or (d.status = 'sending' and d.lease_expires_at < now())
         order by d.scheduled_at
         limit batch
         for update skip locked)
    update follow_ups f
       set status = 'sending',
           claimed_by = worker,
           lease_expires_at = now() + make_interval(secs => lease_seconds),
           attempts = f.attempts + 1,
           updated_at = now()
      from due
     where f.tenant_id = due.tenant_id and f.id = due.id
    returning f.tenant_id, f.id;
end
$$;

create or replace function claim_due_alerts(worker text, batch integer, lease_seconds integer)
    returns table (tenant_id uuid, notification_id uuid)
    language plpgsql volatile security definer set search_path = public, pg_temp
    as $$
begin
    perform check_claim_arguments(worker, batch, lease_seconds);
    update notifications n
       set alert_state = 'done', alert_claimed_by = null, alert_lease_until = null
     where n.alert_state = 'claimed' and n.alert_lease_until < now() and n.alert_attempts >= 5;

    return query
    with due as materialized (
        select d.tenant_id, d.id from notifications d
         where d.alert_state = 'pending'
            or (d.alert_state = 'claimed' and d.alert_lease_until < now())
         order by d.created_at
         limit batch
         for update skip locked)
    update notifications n
       set alert_state = 'claimed',
           alert_claimed_by = worker,
           alert_lease_until = now() + make_interval(secs => lease_seconds),
           alert_attempts = n.alert_attempts + 1
      from due
     where n.tenant_id = due.tenant_id and n.id = due.id
    returning n.tenant_id, n.id;
end
$$;

create or replace function claim_due_provisioning(worker text, batch integer, lease_seconds integer)
    returns table (tenant_id uuid, id uuid)
    language plpgsql volatile security definer set search_path = public, pg_temp
    as $$
begin
    perform check_claim_arguments(worker, batch, lease_seconds);
    return query
    with due as materialized (
        select d.id from tenants d
         where d.provisioning_status = 'pending'
            or (d.provisioning_status in ('running', 'closing')
                and coalesce(d.provisioning_lease_until, '-infinity') < now())
         order by d.updated_at
         limit batch
         for update skip locked)
    update tenants t
       set provisioning_status = case when t.provisioning_status = 'closing' then 'closing' else 'running' end,
           provisioning_lease_until = now() + make_interval(secs => lease_seconds),
           provisioning_attempts = t.provisioning_attempts + 1
      from due
     where t.id = due.id
    returning t.id, t.id;
end
$$;

create or replace function claim_usage_reports(worker text, batch integer, lease_seconds integer)
    returns table (tenant_id uuid, usage_report_id uuid)
    language plpgsql volatile security definer set search_path = public, pg_temp
    as $$
begin
    perform check_claim_arguments(worker, batch, lease_seconds);
    return query
    with due as materialized (
        select d.tenant_id, d.id from usage_reports d
         where d.status = 'pending' and d.next_attempt_at <= now()
           and (d.lease_expires_at is null or d.lease_expires_at < now())
         order by d.next_attempt_at
         limit batch
         for update skip locked)
    update usage_reports u
       set claimed_by = worker, lease_expires_at = now() + make_interval(secs => lease_seconds),
           attempts = u.attempts + 1
      from due
     where u.tenant_id = due.tenant_id and u.id = due.id
    returning u.tenant_id, u.id;
end
$$;

create or replace function claim_due_webhook_deliveries(worker text, batch integer, lease_seconds integer)
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
    with due as materialized (
        select d.tenant_id, d.id from webhook_deliveries d
         where (d.status = 'pending' and d.next_attempt_at <= now())
            or (d.status = 'sending' and d.lease_expires_at < now())
         order by d.next_attempt_at
         limit batch
         for update skip locked)
    update webhook_deliveries w
       set status = 'sending',
           claimed_by = worker,
           lease_expires_at = now() + make_interval(secs => lease_seconds),
           attempts = w.attempts + 1
      from due
     where w.tenant_id = due.tenant_id and w.id = due.id
    returning w.tenant_id, w.id;
end
$$;

-- Every SECURITY DEFINER function so far is handed over (a later migration hands over its own).
do $$
declare
    f record;
begin
    for f in select p.oid::regprocedure as fn from pg_proc p
              where p.pronamespace = 'public'::regnamespace and p.prosecdef
    loop
        perform hand_to_definer(f.fn);
    end loop;
end
$$;
