-- Runbooks (docs/runbooks.md): named, versioned plan templates. `runbook` holds one row per name
-- (its current version and where it is defined); `runbook_version` keeps every version ever recorded,
-- so a plan's origin and a standing approval can name the exact version they were made from.
CREATE TABLE runbook (
    name            VARCHAR(63)   PRIMARY KEY,
    current_version INTEGER       NOT NULL,
    source          VARCHAR(10)   NOT NULL,
    location        VARCHAR(1000),
    retired         BOOLEAN       NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE runbook_version (
    id              VARCHAR(40)   PRIMARY KEY,
    name            VARCHAR(63)   NOT NULL,
    version         INTEGER       NOT NULL,
    source          VARCHAR(10)   NOT NULL,
    location        VARCHAR(1000),
    definition_json TEXT          NOT NULL,
    sha256          VARCHAR(64)   NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by      VARCHAR(200)  NOT NULL,
    CONSTRAINT runbook_version_uq UNIQUE (name, version)
);

-- A plan made by a runbook run: which runbook version, with which parameters, triggered how.
CREATE TABLE plan_origin (
    plan_id         VARCHAR(40)   PRIMARY KEY REFERENCES plan (id),
    runbook         VARCHAR(63)   NOT NULL,
    runbook_version INTEGER       NOT NULL,
    params_json     TEXT          NOT NULL,
    trigger_kind    VARCHAR(20)   NOT NULL,
    schedule_id     VARCHAR(40)
);
CREATE INDEX plan_origin_runbook_idx ON plan_origin (runbook, runbook_version);
