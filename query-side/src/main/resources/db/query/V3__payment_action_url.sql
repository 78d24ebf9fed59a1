-- Where a customer confirms a payment the provider has not settled yet (3-D Secure); empty otherwise.
ALTER TABLE payment_view ADD COLUMN action_url VARCHAR(2000);
