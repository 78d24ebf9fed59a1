-- How customers want to pay for their orders: the gateway's token and the card's last four digits only.
CREATE TABLE payment_instruction (
    order_id      VARCHAR(64)  PRIMARY KEY,
    gateway_token VARCHAR(200) NOT NULL,
    card_last4    CHAR(4)
);
