-- The captured read models log whole rows, so that every change leaves with its before image too.
ALTER TABLE order_view REPLICA IDENTITY FULL;
ALTER TABLE order_line_view REPLICA IDENTITY FULL;
ALTER TABLE payment_view REPLICA IDENTITY FULL;
ALTER TABLE shipment_view REPLICA IDENTITY FULL;
ALTER TABLE stock_level REPLICA IDENTITY FULL;
ALTER TABLE user_view REPLICA IDENTITY FULL;
