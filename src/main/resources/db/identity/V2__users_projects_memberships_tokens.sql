-- Who caused each event, for the audit trail (CloudEvents extensions actor, requestid, sourceip).
ALTER TABLE outbox ADD COLUMN metadata jsonb NOT NULL DEFAULT '{}';

-- Optimistic concurrency (ETag) and soft deletion of organisations.
ALTER TABLE orgs ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE orgs ADD COLUMN deleted_at timestamptz;

CREATE TABLE users (
    id               uuid        PRIMARY KEY,
    email            text        NOT NULL,
    email_normalized text        NOT NULL UNIQUE,
    display_name     text        NOT NULL,
    password_hash    text,
    status           text        NOT NULL CHECK (status IN ('active', 'disabled')),
    superadmin       boolean     NOT NULL DEFAULT false,
    created_at       timestamptz NOT NULL
);

CREATE TABLE projects (
    id         uuid        PRIMARY KEY,
    org_id     uuid        NOT NULL REFERENCES orgs (id),
    slug       text        NOT NULL,
    name       text        NOT NULL,
    created_at timestamptz NOT NULL,
    UNIQUE (org_id, slug)
);

CREATE TABLE memberships (
    org_id     uuid        NOT NULL REFERENCES orgs (id),
    user_id    uuid        NOT NULL REFERENCES users (id),
    role       text        NOT NULL CHECK (role IN ('owner', 'admin', 'developer', 'billing', 'viewer')),
    created_at timestamptz NOT NULL,
    version    integer     NOT NULL DEFAULT 1,
    PRIMARY KEY (org_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);

-- Rotating refresh tokens, stored as SHA-256; a reused token revokes its whole family.
CREATE TABLE refresh_tokens (
    id         uuid        PRIMARY KEY,
    family_id  uuid        NOT NULL,
    user_id    uuid        NOT NULL REFERENCES users (id),
    token_hash text        NOT NULL UNIQUE,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    revoked_at timestamptz
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
