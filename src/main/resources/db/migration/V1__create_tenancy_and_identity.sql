-- Global routing tables, the tenant helper function and the privileges of the application role.
-- Runs as the owner role (DB_MIGRATION_USER). The application connects as ${app_role}, which owns
-- nothing here and is subject to row-level security on every tenant table.

alter default privileges in schema public grant select, insert, update, delete on tables to ${app_role};
alter default privileges in schema public grant usage, select on sequences to ${app_role};
grant usage on schema public to ${app_role};

-- The tenant of the current transaction, set by the application with set_config('app.tenant_id', ...).
-- An unset or empty setting yields null, and "tenant_id = null" matches no row.
create function current_tenant_id() returns uuid
    language sql stable
    as $$ select nullif(current_setting('app.tenant_id', true), '')::uuid $$;

create table tenants (
    id                       uuid primary key,
    name                     text not null check (length(btrim(name)) between 1 and 120),
    slug                     text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    kind                     text not null default 'business' check (kind in ('business', 'agency')),
    agency_id                uuid references tenants (id),
    status                   text not null default 'active' check (status in ('active', 'closed')),
    timezone                 text not null default 'America/New_York',
    forwarding_phone         text check (forwarding_phone ~ '^\+[1-9][0-9]{6,14}$'),
    requested_area_code      text check (requested_area_code ~ '^[0-9]{3}$'),
    business_hours           jsonb not null default
        '{"mon":["09:00","17:00"],"tue":["09:00","17:00"],"wed":["09:00","17:00"],"thu":["09:00","17:00"],"fri":["09:00","17:00"]}',
    auto_reply_enabled       boolean not null default true,
    auto_reply_text          text not null default 'Sorry we missed your call! This is {business_name}. How can we help?',
    auto_reply_delay_seconds integer not null default 30 check (auto_reply_delay_seconds between 0 and 86400),
    help_text                text not null default '{business_name}: reply STOP to opt out. For help call us back.',
    quiet_hours_start        time not null default '21:00',
    quiet_hours_end          time not null default '08:00',
    cooldown_hours           integer not null default 24 check (cooldown_hours between 0 and 720),
    plan                     text not null default 'starter',
    billing_status           text not null default 'trialing'
        check (billing_status in ('trialing', 'active', 'past_due', 'canceled', 'unpaid')),
    stripe_customer_id       text unique,
    created_at               timestamptz not null default now(),
    updated_at               timestamptz not null default now(),
    check (agency_id is null or kind = 'business'),
    check (agency_id is null or agency_id <> id)
);
create index tenants_agency_idx on tenants (agency_id) where agency_id is not null;

create table users (
    id               uuid primary key,
    oidc_subject     text not null unique,
    email            text,
    name             text,
    active_tenant_id uuid references tenants (id),
    created_at       timestamptz not null default now(),
    last_login_at    timestamptz
);

create table memberships (
    tenant_id  uuid not null references tenants (id),
    id         uuid not null,
    user_id    uuid not null references users (id),
    role       text not null check (role in ('owner', 'admin', 'member')),
    created_at timestamptz not null default now(),
    primary key (tenant_id, id),
    unique (tenant_id, user_id)
);
-- Routing lookup "signed-in user -> their tenants" happens before a tenant is known.
create index memberships_user_idx on memberships (user_id, tenant_id);

create table invitations (
    tenant_id   uuid not null references tenants (id),
    id          uuid not null,
    email       text not null,
    role        text not null check (role in ('admin', 'member')),
    token_hash  text not null,
    invited_by  uuid references users (id),
    expires_at  timestamptz not null,
    accepted_at timestamptz,
    accepted_by uuid references users (id),
    created_at  timestamptz not null default now(),
    primary key (tenant_id, id)
);
-- Routing lookup "invitation link -> tenant" happens before the invitee is a member.
create unique index invitations_token_idx on invitations (token_hash);

create table api_keys (
    tenant_id    uuid not null references tenants (id),
    id           uuid not null,
    name         text not null,
    key_prefix   text not null,
    key_hash     text not null,
    created_by   uuid references users (id),
    created_at   timestamptz not null default now(),
    last_used_at timestamptz,
    revoked_at   timestamptz,
    primary key (tenant_id, id)
);
-- Routing lookup "API key -> tenant" happens before the tenant is known.
create unique index api_keys_hash_idx on api_keys (key_hash);

create table audit_log (
    tenant_id     uuid not null references tenants (id),
    id            uuid not null,
    actor_user_id uuid references users (id),
    action        text not null,
    target_type   text,
    target_id     text,
    details       jsonb not null default '{}',
    created_at    timestamptz not null default now(),
    primary key (tenant_id, id)
);
create index audit_log_time_idx on audit_log (tenant_id, created_at desc);
