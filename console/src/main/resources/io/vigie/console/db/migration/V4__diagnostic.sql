-- Diagnostics (referential questionnaire per organisation): the diagnostic itself, the owner's self-assessment
-- links (SHA-256 of the link's secret only), the owner's answers, and an append-only audit of every answer write.
-- Portable SQL (SQLite and PostgreSQL): UUID strings, epoch milliseconds.

CREATE TABLE diagnostics (
    id                   VARCHAR(36)  NOT NULL PRIMARY KEY,
    organisation_id      VARCHAR(36)  NOT NULL REFERENCES organisations (id),
    created_by           VARCHAR(36)  NOT NULL REFERENCES users (id),
    created_at           BIGINT       NOT NULL,
    referential_id       VARCHAR(100) NOT NULL,
    referential_version  VARCHAR(50)  NOT NULL,
    workstations         INTEGER      NOT NULL,
    servers              INTEGER      NOT NULL
);
CREATE INDEX diagnostics_organisation ON diagnostics (organisation_id);

CREATE TABLE owner_links (
    id             VARCHAR(36) NOT NULL PRIMARY KEY,
    token_hash     VARCHAR(64) NOT NULL UNIQUE,
    diagnostic_id  VARCHAR(36) NOT NULL REFERENCES diagnostics (id),
    created_by     VARCHAR(36) NOT NULL REFERENCES users (id),
    created_at     BIGINT      NOT NULL,
    expires_at     BIGINT      NOT NULL
);
CREATE INDEX owner_links_diagnostic ON owner_links (diagnostic_id);

-- question_id: a referential question id (« 9.1 ») or a context question id (« C5 »)
CREATE TABLE owner_answers (
    diagnostic_id  VARCHAR(36) NOT NULL REFERENCES diagnostics (id),
    question_id    VARCHAR(20) NOT NULL,
    answer_id      VARCHAR(20) NOT NULL,
    answered_at    BIGINT      NOT NULL,
    PRIMARY KEY (diagnostic_id, question_id)
);

-- who: a user id, or 'owner-link' for the owner answering through the link
CREATE TABLE diagnostic_audit (
    id             VARCHAR(36) NOT NULL PRIMARY KEY,
    diagnostic_id  VARCHAR(36) NOT NULL REFERENCES diagnostics (id),
    who_user       VARCHAR(36) REFERENCES users (id),
    who_kind       VARCHAR(20) NOT NULL,
    at             BIGINT      NOT NULL,
    seq            INTEGER     NOT NULL,
    what           VARCHAR(40) NOT NULL,
    before_value   VARCHAR(20),
    after_value    VARCHAR(20)
);
CREATE INDEX diagnostic_audit_diagnostic ON diagnostic_audit (diagnostic_id, at);

CREATE TABLE diagnostic_settings (
    provider_id      VARCHAR(36) NOT NULL PRIMARY KEY REFERENCES providers (id),
    owner_link_days  INTEGER     NOT NULL
);
