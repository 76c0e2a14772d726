-- The credential broker's secrets (docs/integrations.md#key-management): envelope-encrypted, one row per
-- secret of an owner (an integration, or the broker's own key check under 'broker:key-check'). AES-256-GCM
-- under a data key of its own (nonce, ciphertext with its tag), the data key wrapped by the key encryption
-- key kek_id (wrap_nonce for a local key, none for AWS KMS); the binary fields are base64 text. The
-- ciphertext and the wrapped key are bound to owner and name: copied to another row they do not decrypt.
-- There is no plaintext column. rotated_at: when the value was replaced or its data key re-wrapped.
CREATE TABLE broker_secret (
    id               VARCHAR(40)   PRIMARY KEY,
    owner            VARCHAR(200)  NOT NULL,
    name             VARCHAR(200)  NOT NULL,
    agent_accessible BOOLEAN       DEFAULT FALSE NOT NULL,
    format_version   INTEGER       NOT NULL,
    kek_id           VARCHAR(300)  NOT NULL,
    wrapped_key      VARCHAR(2000) NOT NULL,
    wrap_nonce       VARCHAR(40),
    nonce            VARCHAR(40)   NOT NULL,
    ciphertext       TEXT          NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    rotated_at       TIMESTAMP WITH TIME ZONE,
    CONSTRAINT broker_secret_owner_name_uq UNIQUE (owner, name)
);
CREATE INDEX broker_secret_kek_idx ON broker_secret (kek_id);
