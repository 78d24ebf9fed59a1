-- Set-based validation for the User context: one user per email, checked in the command's transaction.
CREATE TABLE user_email (
    email   VARCHAR(254) PRIMARY KEY,
    user_id VARCHAR(64)  NOT NULL
);

-- Verification codes live outside the event store, as keyed hashes only.
CREATE TABLE user_verification_code (
    user_id   VARCHAR(64) NOT NULL,
    channel   VARCHAR(16) NOT NULL,
    code_hash CHAR(64)    NOT NULL,
    PRIMARY KEY (user_id, channel)
);
