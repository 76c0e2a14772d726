-- What the credential broker mints credentials from (docs/integrations.md#github-app and
-- #gitlab-credential-providers). No credential column: a credential provider's privileged token is in
-- broker_secret under owner 'provider:<id>' (name 'gitlab:token'), a GitHub App's private key under the
-- integration's owner (name 'github:private_key').
--
-- credential_provider: an org-level GitLab identity that mints one scoped identity per integration.
-- mode 'service_account' targets a top-level group (target_kind 'group'), 'project_access_token' a project.
CREATE TABLE credential_provider (
    id              VARCHAR(40)   PRIMARY KEY,
    provider        VARCHAR(20)   NOT NULL,
    mode            VARCHAR(30)   NOT NULL,
    base_url        VARCHAR(2000) NOT NULL,
    target_kind     VARCHAR(20)   NOT NULL,
    target_id       VARCHAR(300)  NOT NULL,
    target_path     VARCHAR(1000),
    scopes          VARCHAR(2000) NOT NULL,
    access_level    INTEGER       NOT NULL,
    expires_in_days INTEGER       NOT NULL,
    username        VARCHAR(300),
    external_id     VARCHAR(300),
    created_by      VARCHAR(300)  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

-- integration_source: where an integration's credential comes from when the broker mints it — a GitHub App
-- (kind 'github_app', app_id; the installation id is the integration's external_id), or an identity a
-- credential provider minted (kind 'service_account': user_id and token_id in target_id's group;
-- 'project_access_token': token_id (and its bot's user_id) in target_id's project), kept so that unlink
-- can deprovision it. A credential provider cannot be deleted while an integration names it.
CREATE TABLE integration_source (
    integration_id         VARCHAR(40) PRIMARY KEY REFERENCES integration (id) ON DELETE CASCADE,
    kind                   VARCHAR(30) NOT NULL,
    app_id                 VARCHAR(32),
    credential_provider_id VARCHAR(40) REFERENCES credential_provider (id),
    target_id              VARCHAR(300),
    user_id                VARCHAR(300),
    token_id               VARCHAR(300)
);
CREATE INDEX integration_source_provider_idx ON integration_source (credential_provider_id);
