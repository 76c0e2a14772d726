-- The credential broker's integrations (docs/integrations.md#integrations): a credential for an external
-- service (provider github, gitlab, jira or generic; auth_type pat or basic_auth), checked against the
-- service before it was stored, its secret in broker_secret under owner 'integration:<id>'. No credential
-- column here: username, external_id and scopes are what the service said about the credential.
-- scope: 'global' or 'environments' (then integration_environment lists them). At most one integration per
-- provider per scope target: global_provider is the provider for a global integration (NULL otherwise,
-- and NULLs do not collide), integration_environment is unique per provider and environment.
CREATE TABLE integration (
    id              VARCHAR(40)   PRIMARY KEY,
    provider        VARCHAR(20)   NOT NULL,
    auth_type       VARCHAR(20)   NOT NULL,
    scope           VARCHAR(20)   NOT NULL,
    global_provider VARCHAR(20),
    base_url        VARCHAR(2000) NOT NULL,
    username        VARCHAR(300),
    external_id     VARCHAR(300),
    scopes          VARCHAR(2000),
    status          VARCHAR(20)   NOT NULL,
    created_by      VARCHAR(300)  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT integration_global_provider_uq UNIQUE (global_provider)
);
CREATE INDEX integration_provider_idx ON integration (provider);

CREATE TABLE integration_environment (
    integration_id VARCHAR(40)  NOT NULL REFERENCES integration (id),
    provider       VARCHAR(20)  NOT NULL,
    environment    VARCHAR(200) NOT NULL,
    PRIMARY KEY (integration_id, environment),
    CONSTRAINT integration_environment_provider_uq UNIQUE (provider, environment)
);
CREATE INDEX integration_environment_env_idx ON integration_environment (environment);
