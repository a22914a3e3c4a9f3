-- Provisioning of each business's Twilio subaccount and number, recorded step by step so a failure shows
-- what failed and a retry resumes; messaging-compliance status; and the dev-mode simulator's phones.

alter table tenants
    add column provisioning_status text not null default 'none'
        check (provisioning_status in ('none', 'pending', 'running', 'done', 'failed', 'closing', 'closed')),
    add column provisioning_step text check (provisioning_step in ('subaccount', 'number', 'webhooks', 'close')),
    add column provisioning_error text,
    add column provisioning_note text,
    add column provisioning_attempts integer not null default 0,
    add column provisioning_lease_until timestamptz,
    add column compliance_type text not null default 'none' check (compliance_type in ('none', 'a2p_10dlc', 'toll_free')),
    add column compliance_status text not null default 'not_required'
        check (compliance_status in ('not_required', 'registration_required', 'pending', 'approved', 'rejected')),
    add column a2p_brand_sid text check (a2p_brand_sid ~ '^BN[0-9a-fA-F]{32}$'),
    add column messaging_service_sid text check (messaging_service_sid ~ '^MG[0-9a-fA-F]{32}$'),
    add column compliance_checked_at timestamptz;
create index tenants_provisioning_due_idx on tenants (provisioning_status) where provisioning_status in ('pending', 'running', 'closing');

alter table tenants drop constraint tenants_status_check;
alter table tenants add constraint tenants_status_check check (status in ('active', 'closing', 'closed'));

alter table phone_numbers
    add column number_type   text not null default 'local' check (number_type in ('local', 'toll_free')),
    add column configured_at timestamptz;

-- What the simulator's phones received and sent (dev mode): the "phone" side of a simulated conversation.
create table simulator_messages (
    tenant_id      uuid not null references tenants (id),
    id             uuid not null,
    message_sid    text not null,
    direction      text not null check (direction in ('to_caller', 'from_caller')),
    caller_phone   text not null,
    business_phone text not null,
    body           text not null default '',
    status         text not null,
    error_code     text,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    primary key (tenant_id, id),
    unique (tenant_id, message_sid)
);
create index simulator_messages_phone_idx on simulator_messages (tenant_id, caller_phone, created_at);
select enable_tenant_isolation('simulator_messages');

-- A simulated caller's phone can be set to fail the next texts it is sent (30003 unreachable, 21610 opted out).
create table simulator_phones (
    tenant_id    uuid not null references tenants (id),
    id           uuid not null,
    caller_phone text not null,
    failure_mode text check (failure_mode in ('30003', '21610')),
    primary key (tenant_id, id),
    unique (tenant_id, caller_phone)
);
select enable_tenant_isolation('simulator_phones');
