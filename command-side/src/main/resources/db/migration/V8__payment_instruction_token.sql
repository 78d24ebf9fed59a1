-- A provider that names the customer's token in its webhooks (PayPal's order id) finds the order by it.
CREATE INDEX payment_instruction_token ON payment_instruction (gateway_token);
