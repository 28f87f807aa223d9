-- A component's health probes, as a JSON array of probe specs; no row: the runtime's default.

CREATE TABLE component_probes (
    component_id VARCHAR(36)   NOT NULL PRIMARY KEY REFERENCES components (id),
    probes       VARCHAR(8000) NOT NULL,
    updated_at   TIMESTAMP     NOT NULL
);
