-- The overview's figures (today, 7 and 30 days) and the agency roll-up, which computes the same figures for each
-- client. Each count is a range scan of a small partial index instead of a scan of all of a business's
-- interactions in the period, and the "did the caller reply / were they called back" probes are index lookups.

-- Missed calls by time, with the caller: the probes below need only the index.
create index interactions_missed_calls_idx on interactions (tenant_id, occurred_at) include (contact_id)
    where type = 'call' and status in ('missed', 'voicemail');
-- A caller's texts to the business: replies, and the first reply after a text.
create index interactions_replies_idx on interactions (tenant_id, contact_id, occurred_at)
    where type = 'sms' and direction = 'inbound';
-- Calls the business placed to a caller (a missed call called back).
create index interactions_call_backs_idx on interactions (tenant_id, contact_id, occurred_at)
    where type = 'call' and direction = 'outbound';
-- Texts sent in a period with who they went to and how they ended, without visiting the table.
create index sms_metrics_figures_idx on sms_metrics (tenant_id, created_at) include (contact_id, is_delivered, is_failed);
