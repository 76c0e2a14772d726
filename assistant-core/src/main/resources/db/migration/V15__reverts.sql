-- Time-boxed changes (docs/api.md#reverts): a reversible write step may carry revertAfter, approved and
-- fingerprinted with the step. When its execution succeeds, a step_revert row and a db-scheduler task
-- due at that time are written in the same transaction; at expiry the captured inverse runs as a system
-- plan and execution of its own (revert_plan_id, revert_execution_id).
ALTER TABLE plan_step ADD COLUMN revert_after_seconds BIGINT;

CREATE TABLE step_revert (
    id                  VARCHAR(40)   PRIMARY KEY,
    execution_id        VARCHAR(40)   NOT NULL,
    step_run_id         VARCHAR(40)   NOT NULL,
    plan_id             VARCHAR(40)   NOT NULL,
    environment         VARCHAR(63)   NOT NULL,
    position            INTEGER       NOT NULL,
    tool                VARCHAR(63)   NOT NULL,
    action              VARCHAR(63)   NOT NULL,
    inverse_json        TEXT          NOT NULL,
    approval_id         VARCHAR(40),
    requester           VARCHAR(200)  NOT NULL,
    status              VARCHAR(20)   NOT NULL,
    due_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by          VARCHAR(200)  NOT NULL,
    note                VARCHAR(2000),
    revert_plan_id      VARCHAR(40),
    revert_execution_id VARCHAR(40),
    version             BIGINT        NOT NULL,
    CONSTRAINT step_revert_step_run_uq UNIQUE (step_run_id)
);
CREATE INDEX step_revert_status_idx ON step_revert (status, due_at);
CREATE INDEX step_revert_execution_idx ON step_revert (execution_id);
