-- Sales facts, kept by the analytics consumer from the read models' change stream. Each row is
-- upserted from a record's after image, so a record read twice, or a read model rebuilt and streamed
-- again, leaves the facts as they were; the KPIs are queries over them.
CREATE TABLE sales_order (
    order_id     VARCHAR(64)    PRIMARY KEY,
    status       VARCHAR(32)    NOT NULL,
    total_amount NUMERIC(19, 4) NOT NULL,
    currency     CHAR(3)        NOT NULL,
    placed_at    TIMESTAMPTZ    NOT NULL,
    paid_at      TIMESTAMPTZ,
    delivered_at TIMESTAMPTZ
);
CREATE INDEX sales_order_placed ON sales_order (placed_at);
CREATE INDEX sales_order_paid ON sales_order (paid_at);

CREATE TABLE sales_line (
    order_id    VARCHAR(64)    NOT NULL,
    line_number INTEGER        NOT NULL,
    product_id  VARCHAR(64)    NOT NULL,
    quantity    INTEGER        NOT NULL,
    unit_amount NUMERIC(19, 4) NOT NULL,
    PRIMARY KEY (order_id, line_number)
);

CREATE TABLE sales_payment (
    payment_id VARCHAR(64) PRIMARY KEY,
    order_id   VARCHAR(64) NOT NULL,
    method     VARCHAR(32) NOT NULL,
    status     VARCHAR(32) NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE sales_product (
    product_id VARCHAR(64)  PRIMARY KEY,
    name       VARCHAR(200) NOT NULL
);

-- a product's stock reaching zero, once per time it did
CREATE TABLE sales_stock_out (
    product_id  VARCHAR(64) NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (product_id, occurred_at)
);
