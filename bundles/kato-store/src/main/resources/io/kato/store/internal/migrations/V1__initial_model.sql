-- Kato's first schema. ${text} is CLOB on Derby and TEXT on PostgreSQL.
-- Every mutable row carries a version: updates are compare-and-set on it.

CREATE TABLE teams (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    name         VARCHAR(63)  NOT NULL,
    display_name VARCHAR(200) NOT NULL,
    environment  VARCHAR(32)  NOT NULL,
    version      BIGINT       NOT NULL,
    created_at   TIMESTAMP    NOT NULL,
    updated_at   TIMESTAMP    NOT NULL,
    CONSTRAINT teams_name_uq UNIQUE (name)
);

CREATE TABLE apps (
    id           VARCHAR(36)   NOT NULL PRIMARY KEY,
    team_id      VARCHAR(36)   NOT NULL REFERENCES teams (id),
    name         VARCHAR(63)   NOT NULL,
    display_name VARCHAR(200)  NOT NULL,
    description  VARCHAR(2000) NOT NULL,
    version      BIGINT        NOT NULL,
    created_at   TIMESTAMP     NOT NULL,
    updated_at   TIMESTAMP     NOT NULL,
    CONSTRAINT apps_name_uq UNIQUE (team_id, name)
);

CREATE TABLE components (
    id              VARCHAR(36)  NOT NULL PRIMARY KEY,
    team_id         VARCHAR(36)  NOT NULL REFERENCES teams (id),
    app_id          VARCHAR(36)  NOT NULL REFERENCES apps (id),
    name            VARCHAR(63)  NOT NULL,
    display_name    VARCHAR(200) NOT NULL,
    source_kind     VARCHAR(32)  NOT NULL,
    language        VARCHAR(64),
    instances       INTEGER      NOT NULL,
    memory_mb       INTEGER      NOT NULL,
    deploy_type     VARCHAR(32)  NOT NULL,
    desired_running BOOLEAN      NOT NULL,
    version         BIGINT       NOT NULL,
    created_at      TIMESTAMP    NOT NULL,
    updated_at      TIMESTAMP    NOT NULL,
    CONSTRAINT components_name_uq UNIQUE (team_id, name)
);

-- Ports and env vars belong to their component: a change to them bumps the component's version.
CREATE TABLE component_ports (
    component_id VARCHAR(36) NOT NULL REFERENCES components (id),
    port         INTEGER     NOT NULL,
    protocol     VARCHAR(16) NOT NULL,
    alias        VARCHAR(63) NOT NULL,
    inner_open   BOOLEAN     NOT NULL,
    outer_open   BOOLEAN     NOT NULL,
    PRIMARY KEY (component_id, port)
);

CREATE TABLE component_env (
    component_id VARCHAR(36)  NOT NULL REFERENCES components (id),
    name         VARCHAR(255) NOT NULL,
    value        ${text}      NOT NULL,
    scope        VARCHAR(16)  NOT NULL,
    secret       BOOLEAN      NOT NULL,
    PRIMARY KEY (component_id, name)
);

CREATE TABLE events (
    id          VARCHAR(36)   NOT NULL PRIMARY KEY,
    team_id     VARCHAR(36),
    target_kind VARCHAR(32)   NOT NULL,
    target_name VARCHAR(200)  NOT NULL,
    operation   VARCHAR(64)   NOT NULL,
    actor       VARCHAR(200)  NOT NULL,
    status      VARCHAR(16)   NOT NULL,
    message     VARCHAR(2000) NOT NULL,
    log         ${text},
    started_at  TIMESTAMP     NOT NULL,
    finished_at TIMESTAMP
);
CREATE INDEX events_team_idx ON events (team_id, started_at);

CREATE TABLE audit_records (
    id         VARCHAR(36)  NOT NULL PRIMARY KEY,
    team_id    VARCHAR(36),
    actor      VARCHAR(200) NOT NULL,
    action     VARCHAR(64)  NOT NULL,
    target     VARCHAR(300) NOT NULL,
    before_state ${text},
    after_state  ${text},
    request_id VARCHAR(64),
    recorded_at TIMESTAMP   NOT NULL
);
CREATE INDEX audit_team_idx ON audit_records (team_id, recorded_at);

CREATE TABLE users (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    name         VARCHAR(63)  NOT NULL,
    display_name VARCHAR(200) NOT NULL,
    admin        BOOLEAN      NOT NULL,
    version      BIGINT       NOT NULL,
    created_at   TIMESTAMP    NOT NULL,
    CONSTRAINT users_name_uq UNIQUE (name)
);

CREATE TABLE api_tokens (
    id         VARCHAR(36)  NOT NULL PRIMARY KEY,
    user_id    VARCHAR(36)  NOT NULL REFERENCES users (id),
    name       VARCHAR(100) NOT NULL,
    token_hash VARCHAR(64)  NOT NULL,
    created_at TIMESTAMP    NOT NULL,
    expires_at TIMESTAMP,
    CONSTRAINT api_tokens_hash_uq UNIQUE (token_hash)
);

CREATE TABLE team_members (
    team_id VARCHAR(36) NOT NULL REFERENCES teams (id),
    user_id VARCHAR(36) NOT NULL REFERENCES users (id),
    role    VARCHAR(16) NOT NULL,
    PRIMARY KEY (team_id, user_id)
);

-- Persisted jobs. A worker owns a running job while lease_until is in the future.
CREATE TABLE jobs (
    id           VARCHAR(36)   NOT NULL PRIMARY KEY,
    kind         VARCHAR(64)   NOT NULL,
    payload      ${text},
    status       VARCHAR(16)   NOT NULL,
    attempts     INTEGER       NOT NULL,
    max_attempts INTEGER       NOT NULL,
    lease_owner  VARCHAR(100),
    lease_until  TIMESTAMP,
    event_id     VARCHAR(36),
    result       VARCHAR(2000),
    version      BIGINT        NOT NULL,
    created_at   TIMESTAMP     NOT NULL,
    updated_at   TIMESTAMP     NOT NULL
);
CREATE INDEX jobs_status_idx ON jobs (status, created_at);
