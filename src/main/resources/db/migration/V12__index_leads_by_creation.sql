-- The overview counts today's new leads of every stage: a range scan by creation time within the tenant.
create index leads_created_idx on leads (tenant_id, created_at desc);
