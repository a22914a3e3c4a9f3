-- The overview's figures (today, 7 and 30 days) and the agency roll-up, which computes the same figures for each
-- client. Each table is read once as a range of a small partial index covering what the figures need, instead of
-- every interaction of the business in the period.

-- Missed calls by time, with the caller.
create index interactions_missed_calls_idx on interactions (tenant_id, occurred_at) include (contact_id)
    where type = 'call' and status in ('missed', 'voicemail');
-- What callers did next, by time: texted the business, or were called by it.
create index interactions_responses_idx on interactions (tenant_id, occurred_at) include (contact_id, type)
    where (type = 'sms' and direction = 'inbound') or (type = 'call' and direction = 'outbound');
-- Texts are counted from sms_metrics_time_idx (tenant_id, created_at desc): a covering index there was not used by
-- the plan and would only slow the outbox, which writes a metrics row for every text.
