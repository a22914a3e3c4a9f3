-- A text waits without using up its attempts while Twilio is out of service for its subaccount (issue 12). This
-- remembers since when it first had to wait, so one that has waited longer than
-- callaback.dispatcher.outage-give-up-after fails for good instead of going out a day late. Only read while the
-- text waits; once sent, it stays as a record that the text was delayed by an outage.
alter table follow_ups add column waiting_for_twilio_since timestamptz;
