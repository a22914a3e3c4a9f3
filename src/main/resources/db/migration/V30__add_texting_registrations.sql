-- US texting registration submitted from inside the app (issue 11): one row per business holds the owner's
-- answers, the SID of every object created at Twilio on the way (stored the moment it exists, so an interrupted
-- submission resumes where it stopped and never creates a second one), the review states Twilio reports, and
-- the worker's claim. Kinds: A2P 10DLC (customer profile, A2P trust bundle, brand, messaging service, campaign)
-- and toll-free verification.

create table texting_registrations (
    tenant_id                 uuid not null references tenants (id),
    id                        uuid not null,
    kind                      text not null check (kind in ('a2p_10dlc', 'toll_free')),
    -- draft: answers saved, not submitted; submitting: steps at Twilio still to run; pending: waiting for review;
    -- approved; failed: rejected by a reviewer (rejection_reason says why), to correct and resubmit.
    status                    text not null default 'draft'
        check (status in ('draft', 'submitting', 'pending', 'approved', 'failed')),
    business_type             text not null check (business_type in ('company', 'sole_proprietor')),
    legal_name                text not null check (length(legal_name) between 1 and 200),
    ein                       text check (ein ~ '^[0-9]{2}-[0-9]{7}$'),
    street                    text not null,
    city                      text not null,
    region                    text not null,
    postal_code               text not null,
    website                   text,
    contact_first_name        text not null,
    contact_last_name         text not null,
    contact_email             text not null,
    contact_phone             text not null,
    contact_title             text,
    use_case                  text not null,
    description               text not null,
    sample_message_1          text not null,
    sample_message_2          text not null,
    message_flow              text not null,
    consented_by              uuid references users (id),
    consented_at              timestamptz,
    fee_cents                 integer not null default 0 check (fee_cents >= 0),
    -- Twilio objects, in the order the steps create them.
    business_info_sid         text,
    representative_sid        text,
    address_sid               text,
    address_document_sid      text,
    customer_profile_sid      text,
    profile_assigned_at       timestamptz,
    profile_submitted_at      timestamptz,
    a2p_profile_sid           text,
    trust_product_sid         text,
    trust_product_assigned_at timestamptz,
    trust_product_submitted_at timestamptz,
    brand_sid                 text,
    messaging_service_sid     text,
    service_numbers_added_at  timestamptz,
    campaign_sid              text,
    tollfree_number_sid       text,
    tollfree_verification_sid text,
    -- What the reviewers said, as read last.
    brand_status              text,
    campaign_status           text,
    tollfree_status           text,
    rejection_reason          text,
    -- The step under way, and the last error of a step (Twilio refused or unreachable: retried with backoff).
    step                      text,
    step_error                text,
    attempts                  integer not null default 0,
    next_attempt_at           timestamptz not null default now(),
    claimed_by                text,
    lease_expires_at          timestamptz,
    submitted_at              timestamptz,
    checked_at                timestamptz,
    approved_at               timestamptz,
    created_at                timestamptz not null default now(),
    updated_at                timestamptz not null default now(),
    primary key (tenant_id, id),
    check (business_type = 'sole_proprietor' or ein is not null)
);
-- One registration per business: a resubmission corrects the same row.
create unique index texting_registrations_one_per_business on texting_registrations (tenant_id);
create index texting_registrations_due_idx on texting_registrations (next_attempt_at)
    where status in ('submitting', 'pending');

select enable_tenant_isolation('texting_registrations');

-- The registration worker claims due registrations of every business (as the other jobs do, V15/V20): ones still
-- being submitted or waiting for review whose next check is due and whose lease, if any, ran out.
create policy worker_claim on texting_registrations for all to current_user using (true) with check (true);

create function claim_due_registrations(worker text, batch integer, lease_seconds integer)
    returns table (tenant_id uuid, registration_id uuid)
    language plpgsql volatile security definer set search_path = public, pg_temp
    as $$
begin
    perform check_claim_arguments(worker, batch, lease_seconds);
    return query
    update texting_registrations r
       set claimed_by = worker,
           lease_expires_at = now() + make_interval(secs => lease_seconds),
           attempts = r.attempts + 1
      from (select d.tenant_id, d.id from texting_registrations d
             where d.status in ('submitting', 'pending') and d.next_attempt_at <= now()
               and coalesce(d.lease_expires_at, '-infinity') < now()
             order by d.next_attempt_at
             limit batch
             for update skip locked) due
     where r.tenant_id = due.tenant_id and r.id = due.id
    returning r.tenant_id, r.id;
end
$$;

revoke all on function claim_due_registrations(text, integer, integer) from public;
grant execute on function claim_due_registrations(text, integer, integer) to ${app_role};
