-- The web console (docs/console.md). A session is kept server-side: the browser holds only a random
-- cookie, of which the database keeps the sha256. The actor is the one who signed in, as a snapshot;
-- a session opened with an API token names the token, and revoking the token ends the session.
CREATE TABLE console_session (
    id            VARCHAR(64)   PRIMARY KEY,
    actor_id      VARCHAR(200)  NOT NULL,
    actor_name    VARCHAR(320)  NOT NULL,
    actor_kind    VARCHAR(20)   NOT NULL,
    roles         VARCHAR(200)  NOT NULL,
    email         VARCHAR(320),
    token_id      VARCHAR(40),
    csrf          VARCHAR(64)   NOT NULL,
    method        VARCHAR(20)   NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX console_session_last_seen_idx ON console_session (last_seen_at);

-- One-time sign-in links (the one printed at start-up for the local admin, `assistantctl console`):
-- the sha256 of the code, who it signs in as, until when, and when it was used (once).
CREATE TABLE console_login_link (
    id            VARCHAR(64)   PRIMARY KEY,
    actor_id      VARCHAR(200)  NOT NULL,
    actor_name    VARCHAR(320)  NOT NULL,
    actor_kind    VARCHAR(20)   NOT NULL,
    roles         VARCHAR(200)  NOT NULL,
    email         VARCHAR(320),
    token_id      VARCHAR(40),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at       TIMESTAMP WITH TIME ZONE
);
