-- The auth context's own tables: credentials and the keys that sign access tokens. Never in the event store.
CREATE TABLE credential (
    user_id       text PRIMARY KEY,
    email         text        NOT NULL UNIQUE,
    password_hash text        NOT NULL,
    role          text        NOT NULL CHECK (role IN ('CUSTOMER', 'ADMIN')),
    created_at    timestamptz NOT NULL
);

-- The newest key without retired_at signs; a retired key is still published until the tokens it signed expire.
CREATE TABLE signing_key (
    kid         text PRIMARY KEY,
    private_key bytea       NOT NULL, -- PKCS#8
    public_key  bytea       NOT NULL, -- X.509 SubjectPublicKeyInfo
    created_at  timestamptz NOT NULL,
    retired_at  timestamptz
);
