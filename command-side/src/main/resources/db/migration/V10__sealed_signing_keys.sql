-- Private signing keys are sealed (AES-256-GCM) under storefront.auth.signing-key-encryption-key, a secret kept
-- apart from the database (Vault in a deployment): a copy of the database alone cannot sign tokens.
-- sealed_by names that encryption key by a fingerprint, so that an instance knows which keys it can open.
ALTER TABLE signing_key ALTER COLUMN private_key DROP NOT NULL;
ALTER TABLE signing_key ADD COLUMN sealed_by text;
COMMENT ON COLUMN signing_key.private_key IS 'PKCS#8, sealed: 12-byte GCM nonce followed by the ciphertext; NULL once dropped';
-- keys stored in the clear before: retired, private halves dropped; the public halves stay published until their tokens expire
UPDATE signing_key SET private_key = NULL, retired_at = COALESCE(retired_at, now());
