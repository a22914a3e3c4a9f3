-- Fees Twilio charges for a registration (brand vetting, campaign vetting, toll-free verification), recorded
-- when the step that incurs them succeeds, so billing can pass them on to the business (issue 8's plans).
create table registration_fees (
    tenant_id       uuid not null references tenants (id),
    id              uuid not null,
    registration_id uuid not null,
    item            text not null check (item in ('brand_vetting', 'campaign_vetting', 'tollfree_verification')),
    amount_cents    integer not null check (amount_cents >= 0),
    -- The Twilio object the fee is for: one fee per object, so a resumed step never records it twice.
    twilio_sid      text not null,
    incurred_at     timestamptz not null default now(),
    billed_at       timestamptz,
    primary key (tenant_id, id),
    unique (tenant_id, twilio_sid, item),
    foreign key (tenant_id, registration_id) references texting_registrations (tenant_id, id)
);
create index registration_fees_unbilled_idx on registration_fees (tenant_id, incurred_at) where billed_at is null;

select enable_tenant_isolation('registration_fees');
