-- What a component is meant to run: one of its versions, and a revision that grows with
-- every restart, upgrade and rollback (instances of an older revision are replaced).
-- No row: the newest version, revision 0.

CREATE TABLE releases (
    component_id VARCHAR(36) NOT NULL PRIMARY KEY REFERENCES components (id),
    version_id   VARCHAR(36) NOT NULL REFERENCES versions (id),
    revision     BIGINT      NOT NULL,
    updated_at   TIMESTAMP   NOT NULL
);
