-- A Twilio webhook is admitted with one round trip: the business behind the dialled number (or the
-- subaccount, for callbacks that carry no number), and the subaccount SID and encrypted token that check its
-- signature. Nothing else of the business is returned: these functions run before the request is
-- authenticated, as the owner, across every tenant.

-- The number's active owner; failing that, the business that last released it (so a call still in flight on
-- a released number gets an answer instead of an error Twilio retries). The credentials are those of the
-- number's subaccount, or of the business's one active subaccount when the number names none.
create function route_twilio_number(number text)
    returns table (tenant_id uuid, phone_number_id uuid, released boolean, twilio_account_id uuid,
                   account_sid text, auth_token_encrypted text)
    language sql stable security definer set search_path = public, pg_temp
    as $$
    select p.tenant_id, p.id, p.status <> 'active', a.id, a.subaccount_sid, a.auth_token_encrypted
      from phone_numbers p
      left join lateral (
            select t.id, t.subaccount_sid, t.auth_token_encrypted
              from twilio_accounts t
             where t.tenant_id = p.tenant_id
               and (t.id = p.twilio_account_id or (p.twilio_account_id is null and t.status = 'active'))
             order by t.id = p.twilio_account_id desc nulls last, t.created_at
             limit 1) a on true
     where p.e164 = number and p.status in ('active', 'released')
     order by p.status = 'active' desc, p.released_at desc nulls last
     limit 1
    $$;

create function route_twilio_subaccount(sid text)
    returns table (tenant_id uuid, twilio_account_id uuid, account_sid text, auth_token_encrypted text)
    language sql stable security definer set search_path = public, pg_temp
    as $$
    select a.tenant_id, a.id, a.subaccount_sid, a.auth_token_encrypted
      from twilio_accounts a
     where a.subaccount_sid = sid and a.status <> 'closed'
     order by a.created_at desc
     limit 1
    $$;

revoke all on function route_twilio_number(text), route_twilio_subaccount(text) from public;
grant execute on function route_twilio_number(text), route_twilio_subaccount(text) to ${app_role};
