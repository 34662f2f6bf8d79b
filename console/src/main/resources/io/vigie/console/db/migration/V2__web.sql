-- The web console: sessions carry their CSRF token, users their language; one-time links for invitations and
-- password resets (SHA-256 of the link's secret only); per-provider settings. Portable SQL (SQLite and PostgreSQL).

ALTER TABLE sessions ADD COLUMN csrf_token VARCHAR(64);
ALTER TABLE users ADD COLUMN lang VARCHAR(8);

CREATE TABLE invitations (
    id              VARCHAR(36)  NOT NULL PRIMARY KEY,
    token_hash      VARCHAR(64)  NOT NULL UNIQUE,
    provider_id     VARCHAR(36)  NOT NULL REFERENCES providers (id),
    organisation_id VARCHAR(36)  REFERENCES organisations (id),
    email           VARCHAR(320) NOT NULL,
    role            VARCHAR(32)  NOT NULL,
    created_by      VARCHAR(36)  NOT NULL REFERENCES users (id),
    created_at      BIGINT       NOT NULL,
    expires_at      BIGINT       NOT NULL,
    used_at         BIGINT
);
CREATE INDEX invitations_provider ON invitations (provider_id);

CREATE TABLE password_resets (
    id          VARCHAR(36) NOT NULL PRIMARY KEY,
    token_hash  VARCHAR(64) NOT NULL UNIQUE,
    user_id     VARCHAR(36) NOT NULL REFERENCES users (id),
    created_by  VARCHAR(36) NOT NULL REFERENCES users (id),
    created_at  BIGINT      NOT NULL,
    expires_at  BIGINT      NOT NULL,
    used_at     BIGINT
);

CREATE TABLE provider_settings (
    provider_id        VARCHAR(36) NOT NULL PRIMARY KEY REFERENCES providers (id),
    silent_after_days  INTEGER     NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
