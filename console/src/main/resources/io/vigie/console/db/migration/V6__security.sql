-- Hardening (issue 14). Portable SQL (SQLite and PostgreSQL): UUID strings, epoch milliseconds.

-- Re-enrollment of an existing device is an explicit admin action: until this instant, one enrollment code of the
-- device's own organisation may bind it again (new credential, revocation lifted). Null: no code can touch it.
ALTER TABLE devices ADD COLUMN reenroll_until BIGINT;

-- Security-relevant actions outside diagnostics (re-enrollment allowed, device re-enrolled, account locked or
-- unlocked). provider_id: the tenant that may read the row; actor_id null for the console itself.
CREATE TABLE security_audit (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    at          BIGINT       NOT NULL,
    provider_id VARCHAR(36)  REFERENCES providers (id),
    actor_id    VARCHAR(36)  REFERENCES users (id),
    action      VARCHAR(40)  NOT NULL,
    subject     VARCHAR(300) NOT NULL
);
CREATE INDEX security_audit_provider ON security_audit (provider_id, at);
