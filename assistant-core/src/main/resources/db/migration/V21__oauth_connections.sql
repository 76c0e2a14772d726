-- OAuth connections of the credential broker (docs/integrations.md#connections-oauth): one person's own
-- link to GitHub or GitLab, made through the provider's authorization-code flow with PKCE. At most one per
-- person per provider (connecting again replaces it). The tokens are not here: the access and refresh
-- tokens are in broker_secret under owner 'connection:<id>'. expires_at: when the access token stops
-- working (NULL: it does not expire, a GitHub OAuth app's token). version grows with every change, so a
-- refresh that raced another is detected; a refresh also holds the row lock.
CREATE TABLE oauth_connection (
    id          VARCHAR(40)   PRIMARY KEY,
    actor_id    VARCHAR(300)  NOT NULL,
    actor_name  VARCHAR(300)  NOT NULL,
    actor_kind  VARCHAR(40)   NOT NULL,
    provider    VARCHAR(20)   NOT NULL,
    username    VARCHAR(300),
    external_id VARCHAR(300),
    scopes      VARCHAR(2000),
    status      VARCHAR(20)   NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE,
    version     BIGINT        NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT oauth_connection_actor_provider_uq UNIQUE (actor_id, provider)
);

-- A started connection flow: the sha256 of its state (the random value the browser carries back; never
-- stored as it is), whom it binds to and when it stops working. Used at most once (used_at). The PKCE
-- verifier is in broker_secret under owner 'connection-state:<state_hash>', encrypted, deleted on use.
CREATE TABLE oauth_connection_state (
    state_hash  VARCHAR(64)   PRIMARY KEY,
    actor_id    VARCHAR(300)  NOT NULL,
    actor_name  VARCHAR(300)  NOT NULL,
    actor_kind  VARCHAR(40)   NOT NULL,
    actor_email VARCHAR(300),
    provider    VARCHAR(20)   NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at     TIMESTAMP WITH TIME ZONE,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX oauth_connection_state_created_idx ON oauth_connection_state (created_at);
