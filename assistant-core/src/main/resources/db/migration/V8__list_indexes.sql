-- Lists stay one index range per page as history grows (docs/performance.md, "Lists as history grows").
-- Every listing is newest first by a total order and pages by cursor, never by offset and never with a
-- count: (created_at, id) for plans, executions and tokens, seq for the audit log. So each filter a list
-- takes gets an index on (filter column, order columns) and the unfiltered list one on the order columns:
-- a page, first or after a cursor, reads its rows in order from one index and stops after limit + 1.
-- Portable across PostgreSQL and H2 (MODE=PostgreSQL); a B-tree read backwards serves the DESC order.

CREATE INDEX plan_created_idx ON plan (created_at, id);
CREATE INDEX plan_status_created_idx ON plan (status, created_at, id);
CREATE INDEX plan_env_created_idx ON plan (environment, created_at, id);
CREATE INDEX plan_requester_created_idx ON plan (requester, created_at, id);
-- (status, created_at) and (environment, created_at) are prefixes of the two above
DROP INDEX plan_status_idx;
DROP INDEX plan_env_idx;

-- by plan: execution_plan_uq already finds the one execution a plan has
CREATE INDEX execution_created_idx ON execution (created_at, id);
CREATE INDEX execution_status_created_idx ON execution (status, created_at, id);
CREATE INDEX execution_env_created_idx ON execution (environment, created_at, id);
DROP INDEX execution_status_idx;

-- unfiltered and before=<seq>: the primary key; from/to: audit_at_idx
CREATE INDEX audit_actor_seq_idx ON audit_event (actor, seq);
CREATE INDEX audit_action_seq_idx ON audit_event (action, seq);
CREATE INDEX audit_subject_seq_idx ON audit_event (subject_id, seq);
CREATE INDEX audit_decision_seq_idx ON audit_event (decision, seq);
-- (actor, at) and (action, at) ordered by time, which the listing does not sort by
DROP INDEX audit_actor_idx;
DROP INDEX audit_action_idx;

CREATE INDEX api_token_created_idx ON api_token (created_at, id);
