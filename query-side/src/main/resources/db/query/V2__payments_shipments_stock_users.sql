-- Payments, without any card data: the gateway's reference is all that identifies a charge.
CREATE TABLE payment_view (
    payment_id        VARCHAR(64)    PRIMARY KEY,
    order_id          VARCHAR(64)    NOT NULL,
    status            VARCHAR(32)    NOT NULL,
    amount            NUMERIC(19, 4) NOT NULL,
    currency          CHAR(3)        NOT NULL,
    method            VARCHAR(32)    NOT NULL,
    gateway_reference VARCHAR(200),
    reason            VARCHAR(500),
    requested_at      TIMESTAMPTZ    NOT NULL,
    updated_at        TIMESTAMPTZ    NOT NULL
);
CREATE INDEX payment_view_order ON payment_view (order_id);

CREATE TABLE shipment_view (
    shipment_id VARCHAR(64)  PRIMARY KEY,
    order_id    VARCHAR(64)  NOT NULL,
    carrier     VARCHAR(100) NOT NULL,
    status      VARCHAR(32)  NOT NULL,
    city        VARCHAR(100) NOT NULL,
    country     CHAR(2)      NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX shipment_view_order ON shipment_view (order_id);

CREATE TABLE shipment_tracking (
    shipment_id     VARCHAR(64)  NOT NULL,
    sequence_number BIGINT       NOT NULL,
    status          VARCHAR(32)  NOT NULL,
    occurred_at     TIMESTAMPTZ  NOT NULL,
    location        VARCHAR(200) NOT NULL,
    note            VARCHAR(500),
    PRIMARY KEY (shipment_id, sequence_number)
);

-- Stock per product, derived from what each order holds of it.
CREATE TABLE stock_level (
    product_id   VARCHAR(64)  PRIMARY KEY,
    sku          VARCHAR(64)  NOT NULL,
    name         VARCHAR(200) NOT NULL,
    available    INTEGER      NOT NULL,
    discontinued BOOLEAN      NOT NULL,
    updated_at   TIMESTAMPTZ  NOT NULL
);

CREATE TABLE stock_hold (
    product_id VARCHAR(64) NOT NULL,
    order_id   VARCHAR(64) NOT NULL,
    quantity   INTEGER     NOT NULL,
    state      VARCHAR(16) NOT NULL,
    PRIMARY KEY (product_id, order_id)
);

-- Users as support sees them: contact details and what is verified, never a credential or a code.
CREATE TABLE user_view (
    user_id        VARCHAR(64)  PRIMARY KEY,
    name           VARCHAR(100) NOT NULL,
    email          VARCHAR(254) NOT NULL,
    phone          VARCHAR(16),
    email_verified BOOLEAN      NOT NULL,
    phone_verified BOOLEAN      NOT NULL,
    registered_at  TIMESTAMPTZ  NOT NULL
);
