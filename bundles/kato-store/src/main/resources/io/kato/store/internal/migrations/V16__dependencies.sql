-- Dependencies between components of a team, and the connection information each
-- dependent received at its last start, restart or upgrade (sealed: it holds its
-- dependencies' secrets), with a fingerprint to tell when it went stale.

CREATE TABLE component_dependencies (
    component_id  VARCHAR(36)  NOT NULL REFERENCES components (id),
    depends_on_id VARCHAR(36)  NOT NULL REFERENCES components (id),
    created_at    TIMESTAMP    NOT NULL,
    PRIMARY KEY (component_id, depends_on_id)
);

CREATE INDEX component_dependencies_target ON component_dependencies (depends_on_id);

CREATE TABLE dependency_env (
    component_id  VARCHAR(36)  NOT NULL PRIMARY KEY REFERENCES components (id),
    env_sealed    ${text}      NOT NULL,
    fingerprint   VARCHAR(64)  NOT NULL,
    received_at   TIMESTAMP    NOT NULL
);
