-- Credentials for private repositories, per team. Secrets are encrypted by the core
-- before they are written; the private half of a team's SSH key likewise.

CREATE TABLE source_credentials (
    id         VARCHAR(36)  NOT NULL PRIMARY KEY,
    team_id    VARCHAR(36)  NOT NULL REFERENCES teams (id),
    name       VARCHAR(63)  NOT NULL,
    type       VARCHAR(16)  NOT NULL,
    username   VARCHAR(255),
    secret     ${text}      NOT NULL,
    public_key VARCHAR(2000),
    created_at TIMESTAMP    NOT NULL,
    CONSTRAINT source_credentials_name_uq UNIQUE (team_id, name)
);

-- The credential a source check fetches with, by name (resolved when the check runs).
ALTER TABLE source_checks ADD COLUMN credential VARCHAR(63);
