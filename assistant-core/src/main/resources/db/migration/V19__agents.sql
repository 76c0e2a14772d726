-- Agents (docs/integrations.md#agents): an API token created as an agent is a principal that acts
-- without a person. Existing tokens are not agents.
ALTER TABLE api_token ADD COLUMN agent BOOLEAN DEFAULT FALSE NOT NULL;

-- Agent-scoped integrations: scope 'agent', agent_id the agent's token id. At most one integration per
-- provider per agent: (agent_id, provider) is unique; agent_id is NULL for the other scopes, and NULLs
-- do not collide.
ALTER TABLE integration ADD COLUMN agent_id VARCHAR(40) REFERENCES api_token (id);
ALTER TABLE integration ADD CONSTRAINT integration_agent_provider_uq UNIQUE (agent_id, provider);
