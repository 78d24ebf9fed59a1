-- Tokens of the projections, kept with the views they describe (a shared database has the table already).
CREATE TABLE IF NOT EXISTS token_entry (
    processor_name VARCHAR(255) NOT NULL,
    segment        INTEGER      NOT NULL,
    token          BYTEA,
    token_type     VARCHAR(255),
    timestamp      VARCHAR(255),
    owner          VARCHAR(255),
    PRIMARY KEY (processor_name, segment)
);

-- Orders as customers and support see them.
CREATE TABLE order_view (
    order_id     VARCHAR(64)    PRIMARY KEY,
    customer_id  VARCHAR(64)    NOT NULL,
    status       VARCHAR(32)    NOT NULL,
    total_amount NUMERIC(19, 4) NOT NULL,
    currency     CHAR(3)        NOT NULL,
    placed_at    TIMESTAMPTZ    NOT NULL,
    updated_at   TIMESTAMPTZ    NOT NULL,
    payment_id   VARCHAR(64),
    shipment_id  VARCHAR(64),
    reason       VARCHAR(500)
);
CREATE INDEX order_view_customer ON order_view (customer_id, placed_at DESC);
CREATE INDEX order_view_status ON order_view (status, placed_at DESC);

CREATE TABLE order_line_view (
    order_id    VARCHAR(64)    NOT NULL,
    line_number INTEGER        NOT NULL,
    product_id  VARCHAR(64)    NOT NULL,
    quantity    INTEGER        NOT NULL,
    unit_amount NUMERIC(19, 4) NOT NULL,
    reserved    BOOLEAN        NOT NULL,
    PRIMARY KEY (order_id, line_number)
);

-- Every status an order went through, keyed by the event that caused it, so a redelivery adds nothing.
CREATE TABLE order_timeline (
    order_id        VARCHAR(64)  NOT NULL,
    sequence_number BIGINT       NOT NULL,
    status          VARCHAR(32)  NOT NULL,
    occurred_at     TIMESTAMPTZ  NOT NULL,
    detail          VARCHAR(500),
    PRIMARY KEY (order_id, sequence_number)
);
