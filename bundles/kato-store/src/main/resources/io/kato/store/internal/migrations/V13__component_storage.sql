-- A component's volumes and config files, its autoscaling rule, and the components deleted
-- whose runtime data (volumes) is still to be dropped.

CREATE TABLE component_volumes (
    component_id VARCHAR(36)  NOT NULL REFERENCES components (id),
    name         VARCHAR(63)  NOT NULL,
    type         VARCHAR(16)  NOT NULL,
    path         VARCHAR(1000) NOT NULL,
    size_mb      INTEGER,
    content      ${text},
    updated_at   TIMESTAMP    NOT NULL,
    PRIMARY KEY (component_id, name)
);

CREATE TABLE component_autoscaling (
    component_id  VARCHAR(36) NOT NULL PRIMARY KEY REFERENCES components (id),
    min_instances INTEGER     NOT NULL,
    max_instances INTEGER     NOT NULL,
    metric        VARCHAR(16) NOT NULL,
    target        INTEGER     NOT NULL,
    updated_at    TIMESTAMP   NOT NULL
);

-- No reference to components: the row outlives the component it names.
CREATE TABLE component_purges (
    component_id VARCHAR(36) NOT NULL PRIMARY KEY,
    deleted_at   TIMESTAMP   NOT NULL
);
