-- Delivery facts about a report (portable SQL, SQLite and PostgreSQL). One row only when there is something to
-- say: reports the agent had to drop before this one (spool full), or how the report came in when it was
-- imported from a file ('import') rather than uploaded by the agent ('upload').
-- authenticated: 1 = signed with the device key (HMAC-SHA256) or uploaded with the device credential;
--                0 = imported file with a checksum only ("non authentifié").
CREATE TABLE report_delivery (
    report_id      VARCHAR(36) NOT NULL PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE,
    source         VARCHAR(16) NOT NULL,
    authenticated  INTEGER     NOT NULL,
    dropped_before INTEGER     NOT NULL,
    dropped_from   BIGINT,
    dropped_to     BIGINT,
    imported_by    VARCHAR(36) REFERENCES users (id),
    recorded_at    BIGINT      NOT NULL
);
