-- Agents beyond API tokens (docs/integrations.md#agents): an agent-scoped integration names its agent as a
-- principal, the way the audit and capabilities do: token:<id> (an API token created as an agent),
-- oidc:<sub> (an external agent signed in through OIDC, listed in carapulse.auth.oidc.agents) or
-- runbook:<name> (a runbook, for the plans its runs make). agent_id stays for token agents, so a token
-- that holds an integration cannot be deleted under it. At most one integration per provider per agent.
ALTER TABLE integration ADD COLUMN agent VARCHAR(210);
UPDATE integration SET agent = 'token:' || agent_id WHERE agent_id IS NOT NULL;
ALTER TABLE integration ADD CONSTRAINT integration_agent_principal_uq UNIQUE (agent, provider);

-- A runbook acts as an agent (its capabilities, its own integrations) only for the steps it made: editing
-- the steps of a plan a runbook made ends that, and the plan acts for its requester alone.
ALTER TABLE plan_origin ADD COLUMN steps_edited BOOLEAN DEFAULT FALSE NOT NULL;
