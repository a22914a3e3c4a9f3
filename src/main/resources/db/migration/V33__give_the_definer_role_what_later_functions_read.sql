-- V25 (billing), V26 (live, agency, API) and V30 (texting registration) were written beside V27, which hands every
-- SECURITY DEFINER function to ${definer_role} with only the columns and rows the functions it knew of need. This
-- gives the later functions exactly what they read, with policies for the definer role instead of the schema
-- owner's, and restores the two functions V27 rewrote from their older versions.

-- Billing (V25): the restriction of reported_usage to the current business's own Stripe customer, or to its clients',
-- with V27's argument checks.
create or replace function reported_usage(customer text, from_time timestamptz, to_time timestamptz) returns bigint
    language plpgsql stable security definer set search_path = public, pg_temp
    as $$
declare
    total bigint;
begin
    if customer is null or length(customer) not between 1 and 255 then
        raise exception 'customer must be a Stripe customer id' using errcode = '22023';
    end if;
    if from_time is null or to_time is null or to_time < from_time or to_time - from_time > interval '400 days' then
        raise exception 'the time range must be given and at most 400 days' using errcode = '22023';
    end if;
    if current_tenant_id() is null or not exists (
            select 1 from tenants t
             where t.stripe_customer_id = customer
               and (t.id = current_tenant_id() or t.agency_id = current_tenant_id())) then
        raise exception 'reported_usage: % is not the Stripe customer of the current business or its clients',
            customer using errcode = '42501';
    end if;
    select coalesce(sum(u.segments), 0) into total from usage_reports u
     where u.stripe_customer_id = customer and u.status = 'reported'
       and u.occurred_at >= from_time and u.occurred_at < to_time;
    return total;
end
$$;
select hand_to_definer('reported_usage(text, timestamptz, timestamptz)');

grant select (stripe_subscription_id) on tenants to ${definer_role};
grant select (created_at, last_error) on usage_reports to ${definer_role};

-- The agency roll-up (V26) counts its clients' calls, texts, replies, leads, held texts and first number.
drop policy definer_read on interactions;
drop policy definer_read on leads;
create policy roll_up_reads on interactions for select to ${definer_role} using (true);
create policy roll_up_reads on leads for select to ${definer_role} using (true);
create policy roll_up_reads on follow_ups for select to ${definer_role} using (status in ('held', 'done'));
grant select (tenant_id, contact_id, type, direction, status, occurred_at) on interactions to ${definer_role};
grant select (tenant_id, status, category, created_at) on leads to ${definer_role};
grant select (updated_at) on follow_ups to ${definer_role};
grant select (contact_id, is_delivered, is_failed) on sms_metrics to ${definer_role};
grant select (created_at) on phone_numbers to ${definer_role};

-- An agency's live stream (V26) reads its clients' events, without their ids.
grant select (kind, subject_id, contact_id) on live_events to ${definer_role};

-- API housekeeping (V26): old rate-limit windows and finished webhook deliveries are deleted (a row a delete
-- removes must also be one the role may read).
drop policy window_pruner on api_request_windows;
create policy window_pruner_reads on api_request_windows for select to ${definer_role}
    using (window_start < now() - interval '5 minutes');
create policy window_pruner on api_request_windows for delete to ${definer_role}
    using (window_start < now() - interval '5 minutes');
grant select (window_start), delete on api_request_windows to ${definer_role};
create policy delivery_purger_reads on webhook_deliveries for select to ${definer_role}
    using (status in ('delivered', 'failed') and created_at < now() - interval '1 hour');
create policy delivery_purger on webhook_deliveries for delete to ${definer_role}
    using (status in ('delivered', 'failed') and created_at < now() - interval '1 hour');
grant select (created_at), delete on webhook_deliveries to ${definer_role};

-- Texting registration (V30): the registration worker's claim.
drop policy worker_claim on texting_registrations;
create policy worker_claim on texting_registrations for select to ${definer_role}
    using (status in ('submitting', 'pending'));
create policy worker_claim_update on texting_registrations for update to ${definer_role}
    using (status in ('submitting', 'pending')) with check (status in ('submitting', 'pending'));
grant select (tenant_id, id, status, next_attempt_at, lease_expires_at, attempts) on texting_registrations
    to ${definer_role};
grant update (claimed_by, lease_expires_at, attempts) on texting_registrations to ${definer_role};
select hand_to_definer('claim_due_registrations(text, integer, integer)');
