-- When an order was paid and delivered, kept apart from its latest change, so that whoever reads a row
-- (the change capture's snapshot, say) has both without its history.
ALTER TABLE order_view ADD COLUMN paid_at TIMESTAMPTZ;
ALTER TABLE order_view ADD COLUMN delivered_at TIMESTAMPTZ;
