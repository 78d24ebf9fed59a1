-- Every message sent to a customer, as its delivery record tells: where it stands and each step it took.
-- The address is masked: enough to tell which of a customer's addresses, not enough to write to it.
CREATE TABLE notification_view (
    notification_id VARCHAR(64) PRIMARY KEY,
    customer_id     VARCHAR(64) NOT NULL,
    channel         VARCHAR(16) NOT NULL,
    kind            VARCHAR(32) NOT NULL,
    order_id        VARCHAR(64),
    recipient       VARCHAR(254) NOT NULL,
    language        VARCHAR(8)  NOT NULL,
    status          VARCHAR(16) NOT NULL,
    attempts        INT         NOT NULL DEFAULT 0,
    last_error      VARCHAR(500),
    queued_at       TIMESTAMP   NOT NULL,
    updated_at      TIMESTAMP   NOT NULL
);
CREATE INDEX notification_view_customer ON notification_view (customer_id, queued_at DESC);
CREATE INDEX notification_view_status ON notification_view (status, updated_at DESC);

CREATE TABLE notification_step (
    notification_id VARCHAR(64) NOT NULL,
    sequence_number BIGINT      NOT NULL,
    step            VARCHAR(16) NOT NULL,
    attempt         INT,
    reason          VARCHAR(500),
    occurred_at     TIMESTAMP   NOT NULL,
    PRIMARY KEY (notification_id, sequence_number)
);
