-- Row-level security on the two global tables. The application role sees the business it acts for (plus, for an
-- agency, its own clients) and the person it acts for (plus the people of the business it acts for). Everything the
-- application reads across businesses or before it knows who the person is goes through the narrow SECURITY DEFINER
-- functions below, run by ${definer_role} (V27) with column grants. RLS is enabled, not forced: the owner (who runs
-- migrations only, never the application) keeps its view for data migrations.

-- The person of the current transaction, set like app.tenant_id (TenantConnectionInterceptor, sign_in_user()).
create function current_user_id() returns uuid
    language sql stable
    as $$ select nullif(current_setting('app.user_id', true), '')::uuid $$;
revoke all on function current_user_id() from public;
grant execute on function current_user_id() to ${app_role}, ${definer_role};

alter table tenants enable row level security;
-- A business reads and writes its own row.
create policy tenant_self on tenants to ${app_role}
    using (id = current_tenant_id()) with check (id = current_tenant_id());
-- An agency lists its client businesses and adds new ones (each client then changes its own row as itself).
create policy agency_clients on tenants for select to ${app_role} using (agency_id = current_tenant_id());
create policy agency_adds_client on tenants for insert to ${app_role} with check (agency_id = current_tenant_id());

alter table users enable row level security;
-- A person reads and updates their own row (their name, their chosen business).
create policy user_self on users for select to ${app_role} using (id = current_user_id());
create policy user_self_update on users for update to ${app_role}
    using (id = current_user_id()) with check (id = current_user_id());
-- The team page, invitations and alerts read the people of the business the transaction acts for.
create policy team_members on users for select to ${app_role}
    using (exists (select 1 from memberships m where m.tenant_id = current_tenant_id() and m.user_id = users.id));

-- What the definer functions read of these tables (V27 granted the routing and claim columns of tenants).
create policy definer_reads on tenants for select to ${definer_role} using (true);
create policy provisioning_claim on tenants for update to ${definer_role}
    using (provisioning_status in ('pending', 'running', 'closing'))
    with check (provisioning_status in ('running', 'closing'));
grant select (slug, trial_started_by, stripe_subscription_id, compliance_status, a2p_brand_sid) on tenants
    to ${definer_role};

create policy definer_reads on users for select to ${definer_role} using (true);
create policy sign_in on users for insert to ${definer_role} with check (true);
create policy sign_in_update on users for update to ${definer_role} using (true) with check (true);
grant select (id, oidc_subject, email, name, active_tenant_id, last_login_at) on users to ${definer_role};
grant insert (id, oidc_subject, email, name, last_login_at) on users to ${definer_role};
grant update (email, name, last_login_at) on users to ${definer_role};

create function check_subject(subject text) returns void
    language plpgsql immutable
    as $$
begin
    if subject is null or length(subject) not between 1 and 255 then
        raise exception 'subject must be a sign-in subject of 1 to 255 characters' using errcode = '22023';
    end if;
end
$$;
revoke all on function check_subject(text) from public;
grant execute on function check_subject(text) to ${definer_role};

-- Sign-in: the person behind an OIDC subject, added on their first request; the email and name their provider
-- vouches for are kept, and the login time at most every ten minutes (not a write per request). The rest of the
-- transaction acts as this person (app.user_id), so it may read and update their own row.
create function sign_in_user(subject text, claimed_email text, claimed_name text)
    returns table (id uuid, oidc_subject text, email text, name text, active_tenant_id uuid)
    language plpgsql volatile security definer set search_path = public, pg_temp
    as $$
#variable_conflict use_column
declare
    found_id uuid;
begin
    perform check_subject(subject);
    select u.id into found_id from users u where u.oidc_subject = subject;
    if found_id is null then
        insert into users (id, oidc_subject, email, name, last_login_at)
        values (gen_random_uuid(), subject, claimed_email, claimed_name, now())
        on conflict (oidc_subject) do nothing;
        select u.id into found_id from users u where u.oidc_subject = subject;
    end if;
    update users u
       set email = coalesce(claimed_email, u.email),
           name = coalesce(claimed_name, u.name),
           last_login_at = case when u.last_login_at is null or u.last_login_at < now() - interval '10 minutes'
                                then now() else u.last_login_at end
     where u.id = found_id
       and (u.email is distinct from coalesce(claimed_email, u.email)
            or u.name is distinct from coalesce(claimed_name, u.name)
            or u.last_login_at is null or u.last_login_at < now() - interval '10 minutes');
    perform set_config('app.user_id', found_id::text, true);
    return query select u.id, u.oidc_subject, u.email, u.name, u.active_tenant_id from users u where u.id = found_id;
end
$$;

-- The seed loader's people: added if absent (never changed), by subject.
create function user_for_subject(subject text, seeded_email text, seeded_name text) returns uuid
    language plpgsql volatile security definer set search_path = public, pg_temp
    as $$
begin
    perform check_subject(subject);
    insert into users (id, oidc_subject, email, name) values (gen_random_uuid(), subject, seeded_email, seeded_name)
    on conflict (oidc_subject) do nothing;
    return (select u.id from users u where u.oidc_subject = subject);
end
$$;

-- Who signed out (live streams of that person are closed): an id, or null for a subject never seen.
create function user_id_of_subject(subject text) returns uuid
    language plpgsql stable security definer set search_path = public, pg_temp
    as $$
begin
    perform check_subject(subject);
    return (select u.id from users u where u.oidc_subject = subject);
end
$$;

-- The active businesses a person belongs to, with their role, by name: the business switcher and the tenant of
-- every signed-in request.
create function businesses_of_user(member uuid)
    returns table (tenant_id uuid, name text, is_agency boolean, role text)
    language sql stable security definer set search_path = public, pg_temp
    as $$
    select t.id, t.name, t.kind = 'agency', m.role
      from memberships m join tenants t on t.id = m.tenant_id
     where m.user_id = member and t.status = 'active'
     order by t.name, t.id
    $$;

-- A client business a person may enter through its agency (as an owner or admin of the active agency): its id,
-- name and agency, or nothing.
create function client_of_users_agency(member uuid, client uuid)
    returns table (tenant_id uuid, name text, agency_id uuid)
    language sql stable security definer set search_path = public, pg_temp
    as $$
    select c.id, c.name, c.agency_id
      from tenants c
      join tenants a on a.id = c.agency_id and a.status = 'active'
      join memberships m on m.tenant_id = a.id and m.user_id = member and m.role in ('owner', 'admin')
     where c.id = client and c.status = 'active'
    $$;

-- Slugs are unique across businesses: the seed finds its business by slug, sign-up picks a free one.
create function tenant_id_by_slug(wanted text) returns uuid
    language plpgsql stable security definer set search_path = public, pg_temp
    as $$
begin
    if wanted is null or length(wanted) not between 1 and 63 then
        raise exception 'slug must be 1 to 63 characters' using errcode = '22023';
    end if;
    return (select t.id from tenants t where t.slug = wanted);
end
$$;

-- One free trial per person: the name of the business whose trial this person started, if any.
create function trial_business_of(member uuid) returns text
    language sql stable security definer set search_path = public, pg_temp
    as $$ select t.name from tenants t where t.trial_started_by = member $$;

-- The agency running the current business (its name for the team and billing pages; its Stripe customer and
-- subscription, which pay for the client's texts when the agency pays for it). Nothing for a business without one.
create function agency_of_current_business()
    returns table (id uuid, name text, stripe_customer_id text, stripe_subscription_id text)
    language sql stable security definer set search_path = public, pg_temp
    as $$
    select a.id, a.name, a.stripe_customer_id, a.stripe_subscription_id
      from tenants c join tenants a on a.id = c.agency_id
     where c.id = current_tenant_id()
    $$;

-- The compliance job: businesses whose A2P registration Twilio is still reviewing.
create function businesses_awaiting_registration() returns setof uuid
    language sql stable security definer set search_path = public, pg_temp
    as $$ select t.id from tenants t where t.compliance_status = 'pending' and t.a2p_brand_sid is not null $$;

-- The usage reconciliation job: every Stripe customer with a subscription, once each.
create function subscribed_stripe_customers() returns setof text
    language sql stable security definer set search_path = public, pg_temp
    as $$
    select distinct t.stripe_customer_id from tenants t
     where t.stripe_subscription_id is not null and t.stripe_customer_id is not null
    $$;

do $$
declare
    f regprocedure;
begin
    foreach f in array array['sign_in_user(text, text, text)', 'user_for_subject(text, text, text)',
                             'user_id_of_subject(text)', 'businesses_of_user(uuid)',
                             'client_of_users_agency(uuid, uuid)', 'tenant_id_by_slug(text)',
                             'trial_business_of(uuid)', 'agency_of_current_business()',
                             'businesses_awaiting_registration()', 'subscribed_stripe_customers()']::regprocedure[]
    loop
        execute format('revoke all on function %s from public', f);
        execute format('grant execute on function %s to ${app_role}', f);
        perform hand_to_definer(f);
    end loop;
end
$$;
