-- API keys get scopes (read, write) and are checked by one function that finds the key by its visible prefix and
-- its SHA-256, before any tenant is known, and records when it was last used at most once a minute (so a busy key
-- costs one write a minute, not one a request).

alter table api_keys add column scopes text[] not null default '{read}'
    check (cardinality(scopes) between 1 and 2 and scopes <@ array['read', 'write']::text[]);
create index api_keys_prefix_idx on api_keys (key_prefix);

-- The owner (who runs the function below) may stamp last_used_at on any key: the function touches nothing else.
create policy record_api_key_use on api_keys for update to current_user using (true) with check (true);

create function authenticate_api_key(prefix text, hash text)
    returns table (tenant_id uuid, api_key_id uuid, scopes text[], created_by uuid)
    language plpgsql volatile security definer set search_path = public, pg_temp
    as $$
begin
    -- A closed business's keys stop working with it.
    return query select k.tenant_id, k.id, k.scopes, k.created_by from api_keys k
        join tenants t on t.id = k.tenant_id and t.status = 'active'
        where k.key_prefix = prefix and k.key_hash = hash and k.revoked_at is null;
    if found then
        update api_keys k set last_used_at = now()
            where k.key_hash = hash and (k.last_used_at is null or k.last_used_at < now() - interval '1 minute');
    end if;
end
$$;

revoke all on function authenticate_api_key(text, text) from public;
grant execute on function authenticate_api_key(text, text) to ${app_role};
