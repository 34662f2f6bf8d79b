-- Portable SQL: runs unchanged on SQLite (3.35+) and PostgreSQL (13+).
-- Ids are UUID strings (no INTEGER PRIMARY KEY: it auto-increments in SQLite only);
-- instants are epoch milliseconds (BIGINT), so ordering and comparisons are the same everywhere.

CREATE TABLE providers (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    name        VARCHAR(200) NOT NULL UNIQUE,
    created_at  BIGINT       NOT NULL
);

CREATE TABLE organisations (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    provider_id VARCHAR(36)  NOT NULL REFERENCES providers (id),
    name        VARCHAR(200) NOT NULL,
    created_at  BIGINT       NOT NULL,
    UNIQUE (provider_id, name)
);

CREATE TABLE users (
    id              VARCHAR(36)  NOT NULL PRIMARY KEY,
    provider_id     VARCHAR(36)  NOT NULL REFERENCES providers (id),
    organisation_id VARCHAR(36)  REFERENCES organisations (id),
    email           VARCHAR(320) NOT NULL UNIQUE,
    password_hash   VARCHAR(500),
    role            VARCHAR(32)  NOT NULL,
    created_at      BIGINT       NOT NULL,
    disabled_at     BIGINT
);
CREATE INDEX users_provider ON users (provider_id);

CREATE TABLE api_tokens (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    user_id      VARCHAR(36)  NOT NULL REFERENCES users (id),
    token_hash   VARCHAR(64)  NOT NULL UNIQUE,
    label        VARCHAR(200),
    created_at   BIGINT       NOT NULL,
    revoked_at   BIGINT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE sessions (
    id_hash     VARCHAR(64) NOT NULL PRIMARY KEY,
    user_id     VARCHAR(36) NOT NULL REFERENCES users (id),
    created_at  BIGINT      NOT NULL,
    expires_at  BIGINT      NOT NULL
);

CREATE TABLE throttle (
    bucket       VARCHAR(300) NOT NULL PRIMARY KEY,
    window_start BIGINT       NOT NULL,
    hits         INTEGER      NOT NULL
);

CREATE TABLE enrollment_codes (
    id              VARCHAR(36) NOT NULL PRIMARY KEY,
    code_hash       VARCHAR(64) NOT NULL UNIQUE,
    organisation_id VARCHAR(36) NOT NULL REFERENCES organisations (id),
    created_by      VARCHAR(36) NOT NULL REFERENCES users (id),
    created_at      BIGINT      NOT NULL,
    expires_at      BIGINT      NOT NULL,
    used_at         BIGINT,
    device_id       VARCHAR(36)
);
CREATE INDEX enrollment_codes_org ON enrollment_codes (organisation_id);

CREATE TABLE devices (
    id              VARCHAR(36)  NOT NULL PRIMARY KEY,
    organisation_id VARCHAR(36)  NOT NULL REFERENCES organisations (id),
    secret_hash     VARCHAR(64)  NOT NULL,
    hostname        VARCHAR(255),
    platform        VARCHAR(32),
    enrolled_at     BIGINT       NOT NULL,
    last_seen_at    BIGINT,
    revoked_at      BIGINT
);
CREATE INDEX devices_org ON devices (organisation_id);

CREATE TABLE reports (
    id                VARCHAR(36)  NOT NULL PRIMARY KEY,
    device_id         VARCHAR(36)  NOT NULL REFERENCES devices (id),
    organisation_id   VARCHAR(36)  NOT NULL REFERENCES organisations (id),
    schema_version    INTEGER      NOT NULL,
    hostname          VARCHAR(255),
    platform          VARCHAR(32),
    agent_version     VARCHAR(64),
    catalogue_version VARCHAR(64),
    started_at        BIGINT,
    finished_at       BIGINT,
    received_at       BIGINT       NOT NULL,
    body              TEXT         NOT NULL
);
CREATE INDEX reports_device_received ON reports (device_id, received_at);
CREATE INDEX reports_org_received ON reports (organisation_id, received_at);

-- One row per judgement of a report: the agent's own (judged_by = 'agent') and every console judgement
-- (at upload, then again by `vigie-console rejudge` after a catalogue change). The newest console row is shown.
CREATE TABLE verdict_sets (
    id                VARCHAR(36) NOT NULL PRIMARY KEY,
    report_id         VARCHAR(36) NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    judged_by         VARCHAR(16) NOT NULL,
    catalogue_version VARCHAR(64),
    judged_at         BIGINT      NOT NULL,
    fail_count        INTEGER     NOT NULL,
    unknown_count     INTEGER     NOT NULL,
    findings          TEXT        NOT NULL
);
CREATE INDEX verdict_sets_report ON verdict_sets (report_id, judged_by, judged_at);
