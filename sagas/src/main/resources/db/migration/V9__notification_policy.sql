-- What the notification policy knows to write its messages: whom to tell and how (from the user
-- context's events), products' names, and orders' lines. Its own tables, fed by its own processor.
CREATE TABLE notification_recipient (
    user_id    VARCHAR(64) PRIMARY KEY,
    email      VARCHAR(254) NOT NULL,
    phone      VARCHAR(20),
    language   VARCHAR(8)   NOT NULL DEFAULT 'en',
    opted_out  VARCHAR(64)  NOT NULL DEFAULT ''
);

CREATE TABLE notification_product (
    product_id VARCHAR(64) PRIMARY KEY,
    name       VARCHAR(200) NOT NULL
);

CREATE TABLE notification_order (
    order_id    VARCHAR(64) PRIMARY KEY,
    customer_id VARCHAR(64) NOT NULL,
    facts       JSONB       NOT NULL
);
