-- Full verifications of the audit chain run in the background (docs/api.md, "Audit"): the progress of
-- each (the last record found intact and its hash) is stored after every batch, so a job the server
-- stopped continues from there. The db-scheduler task row that runs it is written with it.
CREATE TABLE audit_verify_job (
    id                VARCHAR(40)   PRIMARY KEY,
    status            VARCHAR(20)   NOT NULL,
    requested_by      VARCHAR(200)  NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at          TIMESTAMP WITH TIME ZONE,
    head_seq          BIGINT        NOT NULL,
    head_hash         VARCHAR(64)   NOT NULL,
    last_seq          BIGINT        NOT NULL,
    last_hash         VARCHAR(64)   NOT NULL,
    checked           BIGINT        NOT NULL,
    first_broken_seq  BIGINT,
    detail            VARCHAR(2000)
);

-- Retention (docs/configuration.md, "Retention"): what a prune run removed leaves a date behind, so a
-- read of it says it was pruned and when instead of coming back empty. The output of a step pruned from
-- its evidence keeps output_sha256 and output_bytes: the evidence still says what the output's hash was.
ALTER TABLE evidence ADD COLUMN output_pruned_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE execution ADD COLUMN log_pruned_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE chat_session ADD COLUMN messages_pruned_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX evidence_ended_idx ON evidence (ended_at);
CREATE INDEX execution_ended_idx ON execution (ended_at);
CREATE INDEX chat_session_updated_idx ON chat_session (updated_at);
