-- Verification codes sent per destination, whichever user asked for them; the destination (an email
-- address or phone number) only as a keyed hash. A destination's rows older than a day go when it gets
-- its next code.
CREATE TABLE verification_code_sent (
    destination_hash CHAR(64)    NOT NULL,
    sent_at          timestamptz NOT NULL
);

CREATE INDEX verification_code_sent_destination ON verification_code_sent (destination_hash, sent_at);
