-- A team's plugins (what their owners edit), their versions (what a build fixed) and the
-- plugins installed on components. Config groups and an installation's values are JSON:
-- they are read and written whole, never queried by their parts.

CREATE TABLE plugins (
    id            VARCHAR(36)   NOT NULL PRIMARY KEY,
    team_id       VARCHAR(36)   NOT NULL REFERENCES teams (id),
    name          VARCHAR(63)   NOT NULL,
    type          VARCHAR(63)   NOT NULL,
    image         VARCHAR(1000),
    repository    VARCHAR(2000),
    branch        VARCHAR(255),
    credential    VARCHAR(63),
    insecure      BOOLEAN       DEFAULT FALSE NOT NULL,
    memory_mb     INTEGER       NOT NULL,
    cpu_millis    INTEGER       NOT NULL,
    local_command VARCHAR(4000),
    description   VARCHAR(2000),
    config        ${text}       NOT NULL,
    created_at    TIMESTAMP     NOT NULL,
    updated_at    TIMESTAMP     NOT NULL,
    CONSTRAINT plugins_team_name UNIQUE (team_id, name)
);

CREATE TABLE plugin_versions (
    id            VARCHAR(36)   NOT NULL PRIMARY KEY,
    plugin_id     VARCHAR(36)   NOT NULL REFERENCES plugins (id),
    number        INTEGER       NOT NULL,
    status        VARCHAR(16)   NOT NULL,
    message       VARCHAR(2000) NOT NULL,
    event_id      VARCHAR(36)   NOT NULL,
    type          VARCHAR(63)   NOT NULL,
    source        VARCHAR(2000) NOT NULL,
    artifact      VARCHAR(1000),
    memory_mb     INTEGER       NOT NULL,
    cpu_millis    INTEGER       NOT NULL,
    local_command VARCHAR(4000),
    config        ${text}       NOT NULL,
    created_at    TIMESTAMP     NOT NULL,
    finished_at   TIMESTAMP,
    CONSTRAINT plugin_versions_number UNIQUE (plugin_id, number)
);

CREATE TABLE component_plugins (
    component_id  VARCHAR(36)   NOT NULL REFERENCES components (id),
    plugin_id     VARCHAR(36)   NOT NULL REFERENCES plugins (id),
    version       INTEGER       NOT NULL,
    enabled       BOOLEAN       NOT NULL,
    memory_mb     INTEGER       NOT NULL,
    config_values ${text}       NOT NULL,
    token_sealed  VARCHAR(500)  NOT NULL,
    updated_at    TIMESTAMP     NOT NULL,
    PRIMARY KEY (component_id, plugin_id)
);
