-- A subaccount the operator imported (the seed file's twilio block) belongs to the customer, not to the platform:
-- closing the business must not close it at Twilio, which cannot be undone and would take its numbers with it.
alter table twilio_accounts add column is_imported boolean not null default false;
