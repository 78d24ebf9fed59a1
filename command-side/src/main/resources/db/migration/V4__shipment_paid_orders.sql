-- What the Shipment context knows of orders: which are paid, written with the OrderPaid event.
CREATE TABLE shipment_paid_order (
    order_id VARCHAR(64) PRIMARY KEY,
    paid_at  TIMESTAMPTZ NOT NULL
);
