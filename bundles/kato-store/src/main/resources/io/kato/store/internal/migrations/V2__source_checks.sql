-- Source checks: a fetched repository, indexed once, run through every detector.
-- The report is JSON (the API's own shape), written once when the check ends.

CREATE TABLE source_checks (
    id          VARCHAR(36)   NOT NULL PRIMARY KEY,
    team_id     VARCHAR(36)   NOT NULL REFERENCES teams (id),
    kind        VARCHAR(16)   NOT NULL,
    url         VARCHAR(2000) NOT NULL,
    ref         VARCHAR(255),
    subdir      VARCHAR(1000),
    status      VARCHAR(16)   NOT NULL,
    message     VARCHAR(2000) NOT NULL,
    report      ${text},
    event_id    VARCHAR(36)   NOT NULL,
    created_at  TIMESTAMP     NOT NULL,
    finished_at TIMESTAMP
);
CREATE INDEX source_checks_team_idx ON source_checks (team_id, created_at);
