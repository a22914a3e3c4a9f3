-- Billing (issue 8): plans as data, each business's subscription state, the trial's text count, and the routing
-- lookup of a Stripe webhook (customer id -> business). docs/billing.md describes the Stripe side.

-- What each plan costs and allows. Global data: every business reads it, the application never writes it
-- (prices change with a migration, or by hand with the Stripe price ids of the live account).
create table plans (
    code                    text primary key check (code ~ '^[a-z][a-z0-9_]{0,30}$'),
    display_name            text not null,
    sort_order              integer not null,
    monthly_price           numeric(10, 2) not null check (monthly_price >= 0),
    currency                text not null default 'usd' check (currency ~ '^[a-z]{3}$'),
    included_segments       integer not null check (included_segments >= 0),
    price_per_extra_segment numeric(10, 5) not null check (price_per_extra_segment >= 0),
    max_numbers             integer not null check (max_numbers >= 0),
    max_team_members        integer not null check (max_team_members >= 1),
    max_client_businesses   integer not null check (max_client_businesses >= 0),
    -- The flat monthly price and the metered per-segment price in Stripe; null until they are created there.
    stripe_price_id         text unique,
    stripe_metered_price_id text unique
);
insert into plans (code, display_name, sort_order, monthly_price, included_segments, price_per_extra_segment,
                   max_numbers, max_team_members, max_client_businesses)
values ('starter', 'Starter', 1, 29.00, 500, 0.02000, 1, 3, 0),
       ('pro', 'Pro', 2, 79.00, 2000, 0.01500, 3, 10, 0),
       ('agency', 'Agency', 3, 199.00, 10000, 0.01200, 5, 25, 25);
revoke insert, update, delete on plans from ${app_role};
-- Agencies from before plans had data: only the Agency plan has room for client businesses.
update tenants set plan = 'agency' where kind = 'agency' and plan = 'starter';
grant select on plans to ${app_role};

alter table tenants
    add constraint tenants_plan_fkey foreign key (plan) references plans (code),
    add column stripe_subscription_id text,
    add column current_period_start   timestamptz,
    add column current_period_end     timestamptz,
    -- A trial business may send this many texts; null: no trial cap (businesses from before billing, clients an
    -- agency pays for).
    add column trial_text_limit       integer check (trial_text_limit >= 0),
    add column trial_texts_used       integer not null default 0 check (trial_texts_used >= 0),
    -- The person whose one trial this business is (at most one trial business per person).
    add column trial_started_by       uuid references users (id),
    -- A client business whose agency pays: its usage goes on the agency's Stripe customer.
    add column paid_by_agency         boolean not null default false,
    add constraint tenants_paid_by_agency_check check (not paid_by_agency or agency_id is not null);
create unique index tenants_one_trial_per_user_idx on tenants (trial_started_by) where trial_started_by is not null;
create unique index tenants_stripe_subscription_idx on tenants (stripe_subscription_id)
    where stripe_subscription_id is not null;

-- A trial business counts its texts as they are sent: one update per insert statement, and only for businesses
-- on a capped trial (every other business's row is not touched, so the dispatcher's inserts lock nothing more).
create function count_trial_texts() returns trigger
    language plpgsql
    as $$
begin
    update tenants t
       set trial_texts_used = t.trial_texts_used + c.texts
      from (select i.tenant_id, count(*) as texts from inserted i group by i.tenant_id) c
     where t.id = c.tenant_id and t.trial_text_limit is not null and t.billing_status = 'trialing';
    return null;
end
$$;
create trigger sms_metrics_count_trial_texts after insert on sms_metrics
    referencing new table as inserted for each statement execute function count_trial_texts();

-- A trial whose texts are used up holds texts like a billing stop (SendGuards: 'billing_' || billing_status).
alter table follow_ups drop constraint follow_ups_skip_reason_check;
alter table follow_ups add constraint follow_ups_skip_reason_check
    check (skip_reason in ('compliance_registration_required', 'compliance_pending', 'compliance_rejected',
                           'billing_past_due', 'billing_canceled', 'billing_unpaid', 'billing_trialing',
                           'opted_out', 'cooldown', 'active_conversation', 'quiet_hours', 'cancelled_by_team'));

-- Routing lookup of a Stripe webhook: the business is the one whose customer the event names, never metadata.
create function route_stripe_customer(customer text) returns uuid
    language sql stable security definer set search_path = public, pg_temp
    as $$ select t.id from tenants t where t.stripe_customer_id = customer $$;
revoke all on function route_stripe_customer(text) from public;
grant execute on function route_stripe_customer(text) to ${app_role};
