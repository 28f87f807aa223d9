-- Image checks: an image, a docker run line or a compose file, read and then looked up in
-- registries. The input is sealed with the server's key (command lines and compose files
-- often hold passwords); the report keeps secret env values sealed too.

CREATE TABLE image_checks (
    id           VARCHAR(36)   NOT NULL PRIMARY KEY,
    team_id      VARCHAR(36)   NOT NULL REFERENCES teams (id),
    kind         VARCHAR(16)   NOT NULL,
    image        VARCHAR(512),
    input_sealed ${text}       NOT NULL,
    credential   VARCHAR(63),
    registry     VARCHAR(255),
    insecure     BOOLEAN       DEFAULT FALSE NOT NULL,
    status       VARCHAR(16)   NOT NULL,
    message      VARCHAR(2000) NOT NULL,
    report       ${text},
    event_id     VARCHAR(36)   NOT NULL,
    created_at   TIMESTAMP     NOT NULL,
    finished_at  TIMESTAMP
);
CREATE INDEX image_checks_team_idx ON image_checks (team_id, created_at);
