-- A text failed by the claim function (its worker died on every attempt) tells the team, like any failed text.

create policy worker_notify on notifications for insert to current_user with check (true);

create or replace function claim_due_follow_ups(worker text, batch integer, lease_seconds integer)
    returns table (tenant_id uuid, follow_up_id uuid)
    language plpgsql volatile security definer set search_path = public, pg_temp
    as $$
begin
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
    update follow_ups f
       set status = 'sending',
           claimed_by = worker,
           lease_expires_at = now() + make_interval(secs => lease_seconds),
           attempts = f.attempts + 1,
           updated_at = now()
      from (select d.tenant_id, d.id from follow_ups d
             where (d.status = 'pending' and d.scheduled_at <= now())
                or (d.status = 'sending' and d.lease_expires_at < now())
             order by d.scheduled_at
             limit batch
             for update skip locked) due
     where f.tenant_id = due.tenant_id and f.id = due.id
    returning f.tenant_id, f.id;
end
$$;
