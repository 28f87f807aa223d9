-- Third-party components: how their endpoints are registered (a registration method and
-- its config, the health check, the hash of the API key when the method takes pushes) and
-- the endpoints themselves, each with what its registration says (online) and what the
-- health check found (healthy).

CREATE TABLE third_party (
    component_id  VARCHAR(36)   NOT NULL PRIMARY KEY REFERENCES components (id),
    method        VARCHAR(63)   NOT NULL,
    config        ${text}       NOT NULL,
    health        ${text}       NOT NULL,
    key_hash      VARCHAR(64),
    updated_at    TIMESTAMP     NOT NULL
);

CREATE TABLE third_party_endpoints (
    component_id  VARCHAR(36)   NOT NULL REFERENCES components (id),
    address       VARCHAR(300)  NOT NULL,
    online        BOOLEAN       NOT NULL,
    healthy       BOOLEAN       NOT NULL,
    message       VARCHAR(500),
    updated_at    TIMESTAMP     NOT NULL,
    PRIMARY KEY (component_id, address)
);
