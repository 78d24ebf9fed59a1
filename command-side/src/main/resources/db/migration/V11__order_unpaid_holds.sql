-- What each customer holds in orders not paid yet, kept with the Order events in their own transaction:
-- a customer's next order is weighed against it (see UnpaidOrders).
CREATE TABLE order_unpaid_hold (
    order_id    VARCHAR(64) PRIMARY KEY,
    customer_id VARCHAR(64) NOT NULL,
    units       INTEGER     NOT NULL
);
CREATE INDEX order_unpaid_hold_customer ON order_unpaid_hold (customer_id);
