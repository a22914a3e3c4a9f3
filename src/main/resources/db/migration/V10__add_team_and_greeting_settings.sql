-- Settings and team pages: the business's own voicemail greeting, revocable invitations, and invitations
-- for the owner role (a client business run by an agency hands itself over to its owner this way).

alter table tenants add column voicemail_greeting text
    check (voicemail_greeting is null or length(voicemail_greeting) between 1 and 500);

alter table invitations add column revoked_at timestamptz;
alter table invitations drop constraint invitations_role_check;
alter table invitations add constraint invitations_role_check check (role in ('owner', 'admin', 'member'));

-- The team page lists pending invitations and the plan limit counts them.
create index invitations_pending_idx on invitations (tenant_id, created_at desc)
    where accepted_at is null and revoked_at is null;
