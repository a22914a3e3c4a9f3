-- The conversations inbox and the contacts search. Each contact carries a summary of its thread (the latest
-- interaction, the latest inbound one, when the team last read it), kept by a trigger on interactions so every
-- writer (webhooks, the outbox, the seed) keeps it without knowing; the inbox then pages one index instead of
-- grouping the interactions table per view.

alter table contacts
    add column company             text,
    add column tags                text[] not null default '{}',
    add column last_activity_at    timestamptz,
    add column last_interaction_id uuid,
    add column last_inbound_at     timestamptz,
    add column team_read_at        timestamptz,
    -- Who stopped texts: the customer's STOP (or the carrier reporting one) only their START undoes; the team's
    -- own "do not text" the team may lift. Existing opt-outs came from STOP.
    add column opt_out_source      text check (opt_out_source in ('customer', 'carrier', 'team')),
    add constraint contacts_company_length check (char_length(company) <= 200);
-- last_interaction_id is a cache the trigger below keeps (interactions are never deleted), so it has no foreign
-- key: a key would add a lookup of interactions to every insert of one, on the webhooks' path.

-- A statement-level trigger: one pass per insert statement, whether it writes one webhook's row or a bulk import.
-- Each contact is updated by its primary key, so the plan never depends on how fresh the table's statistics are.
create function record_contact_activity() returns trigger
    language plpgsql
    as $$
declare
    latest record;
begin
    for latest in
        select distinct on (n.tenant_id, n.contact_id) n.tenant_id, n.contact_id, n.id, n.occurred_at,
               max(n.occurred_at) filter (where n.direction = 'inbound')
                   over (partition by n.tenant_id, n.contact_id) as last_inbound
          from inserted n
         order by n.tenant_id, n.contact_id, n.occurred_at desc, n.id desc
    loop
        update contacts c
           set last_activity_at = case when c.last_activity_at is null or c.last_activity_at <= latest.occurred_at
                                       then latest.occurred_at else c.last_activity_at end,
               last_interaction_id = case when c.last_activity_at is null or c.last_activity_at <= latest.occurred_at
                                          then latest.id else c.last_interaction_id end,
               last_inbound_at = case when latest.last_inbound is null then c.last_inbound_at
                                      else greatest(c.last_inbound_at, latest.last_inbound) end
         where c.tenant_id = latest.tenant_id and c.id = latest.contact_id;
    end loop;
    return null;
end
$$;

create trigger interactions_contact_activity after insert on interactions
    referencing new table as inserted
    for each statement execute function record_contact_activity();

-- Threads newest first; a contact without any interaction is not a thread.
create index contacts_activity_idx on contacts (tenant_id, last_activity_at desc, id desc)
    where last_activity_at is not null;
-- Contacts search: a name's beginning, and a number typed with or without its country code, its last digits
-- or its local part (the seven digits after a US/Canada area code). These are stored columns compared with the
-- leakproof ~>=~ / ~<~ operators: under row-level security PostgreSQL uses an index only for leakproof
-- conditions, and neither LIKE nor lower()/reverse() is leakproof.
alter table contacts
    add column search_name    text generated always as (lower(name)) stored,
    add column phone_reversed text generated always as (reverse(phone)) stored,
    add column phone_local    text generated always as (substr(phone, 6)) stored;
create index contacts_name_prefix_idx on contacts (tenant_id, search_name text_pattern_ops);
create index contacts_phone_prefix_idx on contacts (tenant_id, phone text_pattern_ops);
create index contacts_phone_suffix_idx on contacts (tenant_id, phone_reversed text_pattern_ops);
create index contacts_phone_local_idx on contacts (tenant_id, phone_local text_pattern_ops);
create index contacts_created_idx on contacts (tenant_id, created_at desc, id desc);
-- A contact's timeline lists all its leads, closed ones included.
create index leads_contact_idx on leads (tenant_id, contact_id, created_at desc);

-- Existing threads: RLS is forced even for the owner, so it is lifted inside this transaction for the backfill.
alter table contacts no force row level security;
alter table interactions no force row level security;
update contacts c
   set last_activity_at = latest.occurred_at, last_interaction_id = latest.id,
       last_inbound_at = (select max(i.occurred_at) from interactions i
                           where i.tenant_id = c.tenant_id and i.contact_id = c.id and i.direction = 'inbound')
  from (select distinct on (tenant_id, contact_id) tenant_id, contact_id, id, occurred_at
          from interactions order by tenant_id, contact_id, occurred_at desc, id desc) latest
 where latest.tenant_id = c.tenant_id and latest.contact_id = c.id;
update contacts set opt_out_source = 'customer' where sms_opt_out and opt_out_source is null;
alter table contacts force row level security;
alter table interactions force row level security;
