-- Expert review of a diagnostic (observations, sign-offs, decisions on automated findings), revocation of owner
-- links, the diagnostic's closing signature, and the action plan's tracking (owner, deadline, status, swaps).
-- Portable SQL (SQLite and PostgreSQL): UUID strings, epoch milliseconds, booleans as 0/1.

ALTER TABLE owner_links ADD COLUMN revoked_at BIGINT;

ALTER TABLE diagnostics ADD COLUMN signed_at BIGINT;
ALTER TABLE diagnostics ADD COLUMN signed_by VARCHAR(36) REFERENCES users (id);

-- kind: answer (owner), context, observation, signoff, finding, link, signature, plan, swap (null on V4 rows: answer)
-- detail: free text shown with the row (a reason, a device name)
ALTER TABLE diagnostic_audit ADD COLUMN kind VARCHAR(20);
ALTER TABLE diagnostic_audit ADD COLUMN detail VARCHAR(2000);

-- The expert's word on a question: the observation (E) and the sign-off of the final answer.
-- signoff_answer null with signed_off = 1: the proposal is accepted as it stands.
CREATE TABLE expert_answers (
    diagnostic_id   VARCHAR(36)   NOT NULL REFERENCES diagnostics (id),
    question_id     VARCHAR(20)   NOT NULL,
    observed        VARCHAR(20),
    signed_off      INTEGER       NOT NULL,
    signoff_answer  VARCHAR(20),
    signoff_reason  VARCHAR(2000),
    updated_by      VARCHAR(36)   NOT NULL REFERENCES users (id),
    updated_at      BIGINT        NOT NULL,
    PRIMARY KEY (diagnostic_id, question_id)
);

-- The expert's decision on one automated finding (a device's verdict on a rule) for this diagnostic.
CREATE TABLE finding_reviews (
    diagnostic_id  VARCHAR(36)   NOT NULL REFERENCES diagnostics (id),
    device_id      VARCHAR(36)   NOT NULL REFERENCES devices (id),
    rule_id        VARCHAR(40)   NOT NULL,
    decision       VARCHAR(20)   NOT NULL,
    reason         VARCHAR(2000),
    reviewed_by    VARCHAR(36)   NOT NULL REFERENCES users (id),
    reviewed_at    BIGINT        NOT NULL,
    PRIMARY KEY (diagnostic_id, device_id, rule_id)
);

-- Tracking of one measure of the plan (the plan itself is computed from the scored diagnostic).
CREATE TABLE plan_tracking (
    diagnostic_id  VARCHAR(36)   NOT NULL REFERENCES diagnostics (id),
    question_id    VARCHAR(20)   NOT NULL,
    owner_name     VARCHAR(200),
    due_date       VARCHAR(10),
    status         VARCHAR(20),
    updated_by     VARCHAR(36)   NOT NULL REFERENCES users (id),
    updated_at     BIGINT        NOT NULL,
    PRIMARY KEY (diagnostic_id, question_id)
);

CREATE TABLE plan_swaps (
    diagnostic_id  VARCHAR(36)   NOT NULL REFERENCES diagnostics (id),
    seq            INTEGER       NOT NULL,
    out_question   VARCHAR(20)   NOT NULL,
    in_question    VARCHAR(20)   NOT NULL,
    who_user       VARCHAR(36)   NOT NULL REFERENCES users (id),
    at             BIGINT        NOT NULL,
    reason         VARCHAR(2000) NOT NULL,
    PRIMARY KEY (diagnostic_id, seq)
);

-- The diagnostic reads an organisation's reports over a time window.
CREATE INDEX reports_organisation_finished ON reports (organisation_id, finished_at);
