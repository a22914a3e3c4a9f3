-- Notifications as each person sees them, and alerts outside the app.
-- A team notification (user_id null) is read or unread for each person separately: a per-person "everything
-- before this moment is read" mark (so "mark all read" is one statement however many there are) plus single reads
-- after it. Alerts (an email, a text to the business's forwarding phone) are delivered from an outbox: each
-- notification is claimed once across tenants, and every alert sent is recorded before it is sent.

-- One row per person per business: their read mark and which alerts reach them outside the app.
create table notification_inboxes (
    tenant_id       uuid not null references tenants (id),
    id              uuid not null,
    user_id         uuid not null references users (id),
    all_read_before timestamptz,
    email_alerts    boolean not null default true,
    text_alerts     boolean not null default false,
    alert_calls     boolean not null default true,
    alert_replies   boolean not null default true,
    alert_problems  boolean not null default true,
    updated_at      timestamptz not null default now(),
    primary key (tenant_id, id),
    unique (tenant_id, user_id)
);
select enable_tenant_isolation('notification_inboxes');

-- Notifications a person opened or marked read after their read mark. The key is the lookup "has this
-- person read this one", made for every row of the list and of the unread count.
create table notification_reads (
    tenant_id       uuid not null references tenants (id),
    user_id         uuid not null references users (id),
    notification_id uuid not null,
    read_at         timestamptz not null default now(),
    primary key (tenant_id, user_id, notification_id),
    foreign key (tenant_id, notification_id) references notifications (tenant_id, id)
);
select enable_tenant_isolation('notification_reads');

-- One read_at for the whole team never said who read it; reads are per person now.
alter table notifications drop column read_at;

-- Rows that exist before this migration were never alerted and are not now: nobody wants a mail of last year.
alter table notifications
    add column alert_state       text not null default 'done' check (alert_state in ('pending', 'claimed', 'done')),
    add column alert_claimed_by  text,
    add column alert_lease_until timestamptz,
    add column alert_attempts    integer not null default 0;
alter table notifications alter column alert_state set default 'pending';
-- The list pages newest first with the id as tie-break (rows written in one statement share a time).
drop index notifications_time_idx;
create index notifications_time_idx on notifications (tenant_id, created_at desc, id desc);
create index notifications_alert_due_idx on notifications (created_at) where alert_state in ('pending', 'claimed');

-- Every alert sent (or being sent): one per person and channel per round, listing the notifications it
-- carries. A row still 'sending' after a crash is never sent again (an alert is sent at most once).
-- A text goes to the business's forwarding phone, shared by the team, so it has no single user.
create table alert_deliveries (
    tenant_id        uuid not null references tenants (id),
    id               uuid not null,
    user_id          uuid references users (id),
    channel          text not null check (channel in ('email', 'text')),
    destination      text not null,
    notification_ids uuid[] not null,
    status           text not null default 'sending' check (status in ('sending', 'sent', 'failed')),
    error            text,
    created_at       timestamptz not null default now(),
    sent_at          timestamptz,
    primary key (tenant_id, id)
);
create index alert_deliveries_time_idx on alert_deliveries (tenant_id, created_at desc);
select enable_tenant_isolation('alert_deliveries');

-- The owner-only policy the claim function below uses (the app role keeps tenant_isolation only).
create policy worker_claim on notifications for all to current_user using (true) with check (true);

-- Claims up to batch notifications of any tenant whose alerts are not sent yet: pending, or claimed by a worker
-- whose lease ran out (it died before recording what it would send). SKIP LOCKED lets replicas run at once.
-- A row whose claim ran out five times is given up instead of being claimed forever by workers it crashes.
create function claim_due_alerts(worker text, batch integer, lease_seconds integer)
    returns table (tenant_id uuid, notification_id uuid)
    language plpgsql volatile security definer set search_path = public, pg_temp
    as $$
begin
    perform check_claim_arguments(worker, batch, lease_seconds);
    update notifications n
       set alert_state = 'done', alert_claimed_by = null, alert_lease_until = null
     where n.alert_state = 'claimed' and n.alert_lease_until < now() and n.alert_attempts >= 5;

    return query
    update notifications n
       set alert_state = 'claimed',
           alert_claimed_by = worker,
           alert_lease_until = now() + make_interval(secs => lease_seconds),
           alert_attempts = n.alert_attempts + 1
      from (select d.tenant_id, d.id from notifications d
             where d.alert_state = 'pending'
                or (d.alert_state = 'claimed' and d.alert_lease_until < now())
             order by d.created_at
             limit batch
             for update skip locked) due
     where n.tenant_id = due.tenant_id and n.id = due.id
    returning n.tenant_id, n.id;
end
$$;

revoke all on function claim_due_alerts(text, integer, integer) from public;
grant execute on function claim_due_alerts(text, integer, integer) to ${app_role};
