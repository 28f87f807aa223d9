-- Custom gateway rules of a team: a domain (and path prefix, and headers to match)
-- routed to one or more of its components by weight. Headers and backends are JSON.

CREATE TABLE gateway_rules (
    id           VARCHAR(36)   NOT NULL PRIMARY KEY,
    team_id      VARCHAR(36)   NOT NULL REFERENCES teams (id),
    domain       VARCHAR(253)  NOT NULL,
    path_prefix  VARCHAR(1000) NOT NULL,
    headers      VARCHAR(4000) NOT NULL,
    backends     VARCHAR(4000) NOT NULL,
    created_at   TIMESTAMP     NOT NULL
);
CREATE INDEX gateway_rules_domain_idx ON gateway_rules (domain);
CREATE INDEX gateway_rules_team_idx ON gateway_rules (team_id);
