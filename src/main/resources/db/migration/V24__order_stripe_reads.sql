-- When the business's state was last read from Stripe: two events handled at once each read the subscription,
-- and the read made later must win even when its transaction commits first (an older read is not applied).
alter table tenants add column billing_synced_at timestamptz;
