-- The provisioning worker claims through a function like every other background job (see TenantJobRunner): up
-- to batch businesses whose set-up or closing is pending, or running with a lease that ran out (the replica
-- working on it died). SKIP LOCKED lets any number of replicas run at once; a closing business stays closing.
-- Returns (tenant_id, id) as the other claim functions do: here both are the business's id.
create function claim_due_provisioning(worker text, batch integer, lease_seconds integer)
    returns table (tenant_id uuid, id uuid)
    language plpgsql volatile security definer set search_path = public, pg_temp
    as $$
begin
    perform check_claim_arguments(worker, batch, lease_seconds);
    return query
    update tenants t
       set provisioning_status = case when t.provisioning_status = 'closing' then 'closing' else 'running' end,
           provisioning_lease_until = now() + make_interval(secs => lease_seconds),
           provisioning_attempts = t.provisioning_attempts + 1
      from (select d.id from tenants d
             where d.provisioning_status = 'pending'
                or (d.provisioning_status in ('running', 'closing')
                    and coalesce(d.provisioning_lease_until, '-infinity') < now())
             order by d.updated_at
             limit batch
             for update skip locked) due
     where t.id = due.id
    returning t.id, t.id;
end
$$;

revoke all on function claim_due_provisioning(text, integer, integer) from public;
grant execute on function claim_due_provisioning(text, integer, integer) to ${app_role};
