-- TLS certificates the gateway presents, one per domain; the private key is sealed with
-- the server's key.

CREATE TABLE certificates (
    id          VARCHAR(36)   NOT NULL PRIMARY KEY,
    team_id     VARCHAR(36)   NOT NULL REFERENCES teams (id),
    domain      VARCHAR(253)  NOT NULL,
    chain_pem   ${text}       NOT NULL,
    key_sealed  ${text}       NOT NULL,
    subject     VARCHAR(1000) NOT NULL,
    names       VARCHAR(4000) NOT NULL,
    not_after   TIMESTAMP     NOT NULL,
    created_at  TIMESTAMP     NOT NULL,
    CONSTRAINT certificates_domain_uq UNIQUE (domain)
);
