-- Layer 2 of tenancy: every table with a tenant_id column gets row-level security, forced even for
-- the owner, with one policy that admits only rows of the transaction's tenant (current_tenant_id()).
-- A new tenant table calls enable_tenant_isolation('its_name') in the migration that creates it.

create function enable_tenant_isolation(table_name regclass) returns void
    language plpgsql
    as $$
begin
    execute format('alter table %s enable row level security', table_name);
    execute format('alter table %s force row level security', table_name);
    execute format('create policy tenant_isolation on %s using (tenant_id = current_tenant_id()) '
                   'with check (tenant_id = current_tenant_id())', table_name);
end
$$;
revoke all on function enable_tenant_isolation(regclass) from public;

select enable_tenant_isolation(c.oid::regclass)
from pg_class c
join pg_namespace n on n.oid = c.relnamespace
join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
where n.nspname = 'public' and c.relkind = 'r';

-- Routing lookups made before a tenant is known. They run as the owner (SECURITY DEFINER), who may
-- read these tables through a read-only routing policy, and return only ids, never business rows.
create policy routing_lookup on phone_numbers for select to current_user using (true);
create policy routing_lookup on memberships for select to current_user using (true);
create policy routing_lookup on invitations for select to current_user using (true);
create policy routing_lookup on api_keys for select to current_user using (true);

create function route_phone_number(number text) returns table (tenant_id uuid, phone_number_id uuid)
    language sql stable security definer set search_path = public, pg_temp
    as $$ select p.tenant_id, p.id from phone_numbers p where p.e164 = number and p.status = 'active' $$;

create function memberships_of_user(member uuid) returns table (tenant_id uuid, role text)
    language sql stable security definer set search_path = public, pg_temp
    as $$ select m.tenant_id, m.role from memberships m where m.user_id = member $$;

create function route_invitation(hash text) returns table (tenant_id uuid, invitation_id uuid)
    language sql stable security definer set search_path = public, pg_temp
    as $$ select i.tenant_id, i.id from invitations i where i.token_hash = hash $$;

create function route_api_key(hash text) returns table (tenant_id uuid, api_key_id uuid)
    language sql stable security definer set search_path = public, pg_temp
    as $$ select k.tenant_id, k.id from api_keys k where k.key_hash = hash and k.revoked_at is null $$;

revoke all on function route_phone_number(text), memberships_of_user(uuid), route_invitation(text),
    route_api_key(text) from public;
grant execute on function route_phone_number(text), memberships_of_user(uuid), route_invitation(text),
    route_api_key(text), current_tenant_id() to ${app_role};
