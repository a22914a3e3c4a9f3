-- The business tables of the original design, each scoped to a tenant. Keys lead with tenant_id and
-- every reference between tenant tables includes tenant_id, so a row can never point into another tenant.

create table twilio_accounts (
    tenant_id            uuid not null references tenants (id),
    id                   uuid not null,
    subaccount_sid       text not null check (subaccount_sid ~ '^AC[0-9a-fA-F]{32}$'),
    auth_token_encrypted text,
    friendly_name        text,
    status               text not null default 'active' check (status in ('pending', 'active', 'suspended', 'closed')),
    is_simulated         boolean not null default false,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now(),
    primary key (tenant_id, id),
    unique (tenant_id, subaccount_sid)
);

create table phone_numbers (
    tenant_id         uuid not null references tenants (id),
    id                uuid not null,
    e164              text not null check (e164 ~ '^\+[1-9][0-9]{6,14}$'),
    twilio_sid        text,
    twilio_account_id uuid,
    status            text not null default 'active' check (status in ('pending', 'active', 'released')),
    is_simulated      boolean not null default false,
    created_at        timestamptz not null default now(),
    released_at       timestamptz,
    primary key (tenant_id, id),
    foreign key (tenant_id, twilio_account_id) references twilio_accounts (tenant_id, id)
);
-- The routing key of every Twilio webhook: one active owner per number across all tenants.
create unique index phone_numbers_active_e164_idx on phone_numbers (e164) where status = 'active';
create index phone_numbers_tenant_idx on phone_numbers (tenant_id, status);

create table contacts (
    tenant_id         uuid not null references tenants (id),
    id                uuid not null,
    phone             text not null check (phone ~ '^\+[1-9][0-9]{6,14}$'),
    name              text,
    email             text,
    notes             text,
    source            text not null default 'missed_call' check (source in ('missed_call', 'sms', 'manual', 'api', 'seed')),
    sms_opt_out       boolean not null default false,
    opted_out_at      timestamptz,
    phone_invalid     boolean not null default false,
    last_contacted_at timestamptz,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    primary key (tenant_id, id),
    unique (tenant_id, phone)
);
create index contacts_name_idx on contacts (tenant_id, lower(name));

create table interactions (
    tenant_id          uuid not null references tenants (id),
    id                 uuid not null,
    contact_id         uuid not null,
    type               text not null check (type in ('call', 'sms', 'voicemail', 'note')),
    direction          text not null check (direction in ('inbound', 'outbound')),
    status             text not null default 'received'
        check (status in ('ringing', 'answered', 'missed', 'voicemail', 'received', 'queued', 'sent', 'delivered', 'failed')),
    call_sid           text,
    message_sid        text,
    body               text,
    media_count        integer not null default 0 check (media_count >= 0),
    media_urls         jsonb not null default '[]',
    recording_url      text,
    duration_seconds   integer check (duration_seconds >= 0),
    category           text check (category in ('LEAD', 'APPT', 'CALLBACK')),
    category_overridden boolean not null default false,
    occurred_at        timestamptz not null default now(),
    created_at         timestamptz not null default now(),
    primary key (tenant_id, id),
    foreign key (tenant_id, contact_id) references contacts (tenant_id, id)
);
-- One interaction per Twilio CallSid and per MessageSid: the idempotency keys of the webhooks.
create unique index interactions_call_sid_idx on interactions (tenant_id, call_sid) where call_sid is not null;
create unique index interactions_message_sid_idx on interactions (tenant_id, message_sid) where message_sid is not null;
create index interactions_time_idx on interactions (tenant_id, occurred_at desc);
create index interactions_contact_time_idx on interactions (tenant_id, contact_id, occurred_at desc);

create table leads (
    tenant_id  uuid not null references tenants (id),
    id         uuid not null,
    contact_id uuid not null,
    status     text not null default 'new' check (status in ('new', 'contacted', 'qualified', 'won', 'lost')),
    source     text not null default 'missed_call' check (source in ('missed_call', 'sms', 'manual', 'api', 'seed')),
    category   text not null default 'LEAD' check (category in ('LEAD', 'APPT', 'CALLBACK')),
    notes      text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    closed_at  timestamptz,
    primary key (tenant_id, id),
    foreign key (tenant_id, contact_id) references contacts (tenant_id, id)
);
-- At most one open lead per contact.
create unique index leads_open_per_contact_idx on leads (tenant_id, contact_id) where status in ('new', 'contacted', 'qualified');
create index leads_status_idx on leads (tenant_id, status, created_at desc);

create table follow_ups (
    tenant_id       uuid not null references tenants (id),
    id              uuid not null,
    contact_id      uuid not null,
    lead_id         uuid,
    type            text not null check (type in ('auto_sms', 'manual_sms', 'follow_up_sms', 'callback')),
    status          text not null default 'pending'
        check (status in ('pending', 'sending', 'sent', 'failed', 'cancelled', 'skipped', 'held')),
    body            text,
    scheduled_at    timestamptz not null,
    attempts        integer not null default 0 check (attempts >= 0),
    max_attempts    integer not null default 5 check (max_attempts > 0),
    lease_expires_at timestamptz,
    claimed_by      text,
    last_error_code text,
    last_error      text,
    skip_reason     text,
    message_sid     text,
    sent_at         timestamptz,
    created_by      uuid references users (id),
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    primary key (tenant_id, id),
    foreign key (tenant_id, contact_id) references contacts (tenant_id, id),
    foreign key (tenant_id, lead_id) references leads (tenant_id, id)
);
create index follow_ups_due_idx on follow_ups (tenant_id, status, scheduled_at);
create index follow_ups_contact_idx on follow_ups (tenant_id, contact_id, created_at desc);

create table notifications (
    tenant_id  uuid not null references tenants (id),
    id         uuid not null,
    user_id    uuid references users (id),
    type       text not null check (type in ('missed_call', 'new_lead', 'sms_reply', 'send_failed', 'text_held', 'provisioning', 'billing', 'system')),
    title      text not null,
    body       text,
    link       text,
    read_at    timestamptz,
    created_at timestamptz not null default now(),
    primary key (tenant_id, id)
);
create index notifications_time_idx on notifications (tenant_id, created_at desc);

create table chat_messages (
    tenant_id         uuid not null references tenants (id),
    id                uuid not null,
    contact_id        uuid not null,
    interaction_id    uuid,
    direction         text not null check (direction in ('inbound', 'outbound')),
    body              text not null default '',
    message_sid       text,
    media_urls        jsonb not null default '[]',
    sent_by_user_id   uuid references users (id),
    created_at        timestamptz not null default now(),
    primary key (tenant_id, id),
    foreign key (tenant_id, contact_id) references contacts (tenant_id, id),
    foreign key (tenant_id, interaction_id) references interactions (tenant_id, id)
);
create index chat_messages_thread_idx on chat_messages (tenant_id, contact_id, created_at);

create table sms_metrics (
    tenant_id        uuid not null references tenants (id),
    id               uuid not null,
    contact_id       uuid not null,
    follow_up_id     uuid,
    message_sid      text not null,
    status           text not null default 'queued'
        check (status in ('queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed')),
    is_delivered     boolean not null default false,
    is_failed        boolean not null default false,
    error_code       text,
    segments         integer check (segments >= 0),
    price            numeric(10, 5),
    price_unit       text,
    sent_at          timestamptz,
    delivered_at     timestamptz,
    delivery_time_ms bigint check (delivery_time_ms >= 0),
    details_fetched_at timestamptz,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    primary key (tenant_id, id),
    foreign key (tenant_id, contact_id) references contacts (tenant_id, id),
    foreign key (tenant_id, follow_up_id) references follow_ups (tenant_id, id)
);
create unique index sms_metrics_message_sid_idx on sms_metrics (tenant_id, message_sid);
create index sms_metrics_time_idx on sms_metrics (tenant_id, created_at desc);

create table stripe_events (
    tenant_id    uuid not null references tenants (id),
    id           uuid not null,
    event_id     text not null,
    type         text not null,
    processed_at timestamptz not null default now(),
    primary key (tenant_id, id),
    unique (tenant_id, event_id)
);

create table usage_reports (
    tenant_id     uuid not null references tenants (id),
    id            uuid not null,
    message_sid   text not null,
    segments      integer not null check (segments > 0),
    period_start  timestamptz,
    status        text not null default 'pending' check (status in ('pending', 'reported', 'failed')),
    attempts      integer not null default 0,
    last_error    text,
    reported_at   timestamptz,
    created_at    timestamptz not null default now(),
    primary key (tenant_id, id),
    unique (tenant_id, message_sid)
);
create index usage_reports_status_idx on usage_reports (tenant_id, status, created_at);
