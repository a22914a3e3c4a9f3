-- The leads pipeline and the follow-ups page: a lead's value and priority; call-back tasks that are assigned to a
-- person, marked done, and never claimed by the text dispatcher; held/skipped reasons limited to the known causes.

alter table leads
    add column value_cents bigint check (value_cents >= 0),
    add column priority    text not null default 'normal' check (priority in ('low', 'normal', 'high'));

alter table follow_ups add column assigned_to uuid references users (id);

alter table follow_ups drop constraint follow_ups_status_check;
alter table follow_ups add constraint follow_ups_status_check
    check (status in ('pending', 'sending', 'sent', 'failed', 'cancelled', 'skipped', 'held', 'done'));

-- Only call-back tasks are done; texts are sent.
alter table follow_ups add constraint follow_ups_done_is_a_task_check check (status <> 'done' or type = 'callback');

alter table follow_ups add constraint follow_ups_skip_reason_check
    check (skip_reason in ('compliance_registration_required', 'compliance_pending', 'compliance_rejected',
                           'billing_past_due', 'billing_canceled', 'billing_unpaid', 'opted_out', 'cooldown',
                           'active_conversation', 'quiet_hours', 'cancelled_by_team'));

-- The follow-ups page lists what changed last (sent, cancelled, skipped, done) newest first.
create index follow_ups_recent_idx on follow_ups (tenant_id, updated_at desc);

-- The dispatcher's scan skips call-back tasks, so overdue tasks nobody marked done never slow it down.
drop index follow_ups_pending_due_idx;
create index follow_ups_pending_texts_due_idx on follow_ups (scheduled_at) where status = 'pending' and type <> 'callback';

-- The claim functions run as the owner for the application role: arguments it could get wrong (or an attacker
-- inside the app could abuse) are checked, so no call claims without a worker, grabs a whole table, or burns
-- every lease at once. Shared by every claim_due_* function.
create function check_claim_arguments(worker text, batch integer, lease_seconds integer) returns void
    language plpgsql immutable
    as $$
begin
    if worker is null or length(worker) not between 1 and 200 then
        raise exception 'worker must be a name of 1 to 200 characters' using errcode = '22023';
    end if;
    if batch is null or batch not between 1 and 1000 then
        raise exception 'batch must be between 1 and 1000' using errcode = '22023';
    end if;
    if lease_seconds is null or lease_seconds not between 10 and 3600 then
        raise exception 'lease_seconds must be between 10 and 3600' using errcode = '22023';
    end if;
end
$$;
revoke all on function check_claim_arguments(text, integer, integer) from public;

-- As in V4, except that call-back tasks are for people: a due pending callback is never claimed (nor sent).
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
    update follow_ups f
       set status = 'sending',
           claimed_by = worker,
           lease_expires_at = now() + make_interval(secs => lease_seconds),
           attempts = f.attempts + 1,
           updated_at = now()
      from (select d.tenant_id, d.id from follow_ups d
             where (d.status = 'pending' and d.scheduled_at <= now() and d.type <> 'callback')
                or (d.status = 'sending' and d.lease_expires_at < now())
             order by d.scheduled_at
             limit batch
             for update skip locked) due
     where f.tenant_id = due.tenant_id and f.id = due.id
    returning f.tenant_id, f.id;
end
$$;

revoke all on function claim_due_follow_ups(text, integer, integer) from public;
grant execute on function claim_due_follow_ups(text, integer, integer) to ${app_role};
