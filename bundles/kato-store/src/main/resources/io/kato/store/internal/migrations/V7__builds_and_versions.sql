-- Builds of a component (one per build event) and the immutable, numbered versions the
-- successful ones produced.

CREATE TABLE builds (
    id           VARCHAR(36)   NOT NULL PRIMARY KEY,
    component_id VARCHAR(36)   NOT NULL REFERENCES components (id),
    status       VARCHAR(16)   NOT NULL,
    message      VARCHAR(2000),
    created_at   TIMESTAMP     NOT NULL,
    finished_at  TIMESTAMP
);
CREATE INDEX builds_component_idx ON builds (component_id, created_at);

CREATE TABLE versions (
    id            VARCHAR(36)   NOT NULL PRIMARY KEY,
    component_id  VARCHAR(36)   NOT NULL REFERENCES components (id),
    number        INTEGER       NOT NULL,
    build_id      VARCHAR(36)   NOT NULL,
    strategy      VARCHAR(63)   NOT NULL,
    artifact      VARCHAR(2000) NOT NULL,
    start_command VARCHAR(4000),
    revision      VARCHAR(64),
    ref           VARCHAR(255),
    author        VARCHAR(255),
    message       VARCHAR(1000),
    created_at    TIMESTAMP     NOT NULL,
    CONSTRAINT versions_number_uq UNIQUE (component_id, number)
);
