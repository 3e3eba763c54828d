-- Dashboard sign-ins (io.xoal.events.web): a browser that signed in with an admin key holds a random
-- session token in an HttpOnly cookie; only its SHA-256 is stored. A session ends at expires_at, at
-- sign-out, or when its admin key is revoked (every request joins api_keys). Looked up by token
-- alone, so it is a small reference table like api_keys (docs/scaling.md).
CREATE TABLE dashboard_sessions (
    token_hash   bytea       PRIMARY KEY,
    workspace_id bigint      NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    key_id       bigint      NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
    csrf_token   text        NOT NULL,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL
);

CREATE INDEX dashboard_sessions_expires ON dashboard_sessions (expires_at);
