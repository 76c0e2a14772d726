-- Signed checkpoints of the audit chain (docs/security-model.md, "Signed audit checkpoints"): the
-- server's Ed25519 signature, by a key kept outside the database, over the chain head (seq, hash).
-- Written under the audit_head lock, with the audit.checkpoint record that names it.
CREATE TABLE audit_checkpoint (
    id          BIGINT       PRIMARY KEY,
    seq         BIGINT       NOT NULL,
    hash        VARCHAR(64)  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    key_id      VARCHAR(16)  NOT NULL,
    signature   VARCHAR(200) NOT NULL
);
