-- What happened stays written: the application may add to the audit log, the Stripe event ledger and the
-- Twilio status events, but never rewrite or erase them (even through a bug or an injected statement).
revoke update, delete on audit_log, stripe_events, sms_status_events from ${app_role};
