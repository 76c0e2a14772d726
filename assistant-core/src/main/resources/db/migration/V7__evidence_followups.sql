-- Follow-ups of a step's evidence (docs/development.md, "Evidence that arrives later"): what a provider
-- records only minutes after a call (a CloudTrail event), looked for again with backoff after the step
-- ended. Written in the transaction that stores the evidence, with the db-scheduler task row that makes
-- the attempts; each row is also the addendum the evidence API shows. Text is redacted before it is stored.
CREATE TABLE evidence_follow_up (
    id                VARCHAR(40)   PRIMARY KEY,
    evidence_id       VARCHAR(40)   NOT NULL REFERENCES evidence (id),
    execution_id      VARCHAR(40)   NOT NULL REFERENCES execution (id),
    environment       VARCHAR(63)   NOT NULL,
    ordinal           INTEGER       NOT NULL,
    kind              VARCHAR(63)   NOT NULL,
    params_json       TEXT          NOT NULL,
    status            VARCHAR(20)   NOT NULL,
    attempts          INTEGER       NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    give_up_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    next_attempt_at   TIMESTAMP WITH TIME ZONE,
    last_attempt_at   TIMESTAMP WITH TIME ZONE,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    external_ids_json TEXT          NOT NULL,
    summary           VARCHAR(2000),
    version           BIGINT        NOT NULL,
    CONSTRAINT evidence_follow_up_ordinal_uq UNIQUE (evidence_id, ordinal)
);
CREATE INDEX evidence_follow_up_execution_idx ON evidence_follow_up (execution_id);
