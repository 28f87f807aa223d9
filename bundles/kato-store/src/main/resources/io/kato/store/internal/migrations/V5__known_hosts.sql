-- SSH host keys a team trusts for fetching source: recorded on first use, or pinned by a
-- member beforehand. One key per host; host is "name" or "name:port".

CREATE TABLE known_hosts (
    team_id    VARCHAR(36)   NOT NULL REFERENCES teams (id),
    host       VARCHAR(300)  NOT NULL,
    key_type   VARCHAR(64)   NOT NULL,
    key_blob   VARCHAR(4000) NOT NULL,
    pinned     BOOLEAN       NOT NULL,
    created_at TIMESTAMP     NOT NULL,
    CONSTRAINT known_hosts_pk PRIMARY KEY (team_id, host)
);
