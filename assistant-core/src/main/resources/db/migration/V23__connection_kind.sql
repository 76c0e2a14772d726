-- How a connection was made (docs/integrations.md#connections-oauth): 'oauth' (the provider's consent page; the
-- broker may refresh it and asks the provider to revoke it) or 'user_token' (the person handed their own personal
-- access token; it is never refreshed, and revoking it here does not revoke it at the provider).
ALTER TABLE oauth_connection ADD COLUMN kind VARCHAR(20) DEFAULT 'oauth' NOT NULL;
