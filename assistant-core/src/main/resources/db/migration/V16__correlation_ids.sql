-- Correlation ids (docs/observability.md#correlation-ids): the id of the request that started an
-- execution (its W3C trace id, a well-formed X-Request-Id, or a generated one; generated for runs no
-- request started), copied onto every evidence record of the execution. NULL for rows written before.
ALTER TABLE execution ADD COLUMN correlation_id VARCHAR(64);
ALTER TABLE evidence ADD COLUMN correlation_id VARCHAR(64);
