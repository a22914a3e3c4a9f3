-- Texts go out from the number the customer called or texted.

alter table follow_ups add column phone_number_id uuid;
alter table follow_ups add foreign key (tenant_id, phone_number_id) references phone_numbers (tenant_id, id);
