-- Standing approvals (docs/runbooks.md#standing-approvals): an approver authorises, ahead of time, the
-- plans of one runbook version in one environment whose parameters stay within bounds, until it
-- expires, is revoked, or the runbook gets a new version.
CREATE TABLE standing_approval (
    id               VARCHAR(40)   PRIMARY KEY,
    runbook          VARCHAR(63)   NOT NULL,
    runbook_version  INTEGER       NOT NULL,
    environment      VARCHAR(63)   NOT NULL,
    bounds_json      TEXT          NOT NULL,
    note             VARCHAR(2000),
    granted_by       VARCHAR(200)  NOT NULL,
    granted_by_name  VARCHAR(320)  NOT NULL,
    granted_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at         TIMESTAMP WITH TIME ZONE,
    ended_by         VARCHAR(200),
    end_reason       VARCHAR(500)
);
CREATE INDEX standing_approval_match_idx ON standing_approval (runbook, environment);

-- Which approvals a standing approval gave: revoking it voids those not used yet.
CREATE TABLE standing_approval_use (
    approval_id          VARCHAR(40)  PRIMARY KEY REFERENCES approval (id),
    standing_approval_id VARCHAR(40)  NOT NULL REFERENCES standing_approval (id),
    plan_id              VARCHAR(40)  NOT NULL
);
CREATE INDEX standing_approval_use_idx ON standing_approval_use (standing_approval_id);
