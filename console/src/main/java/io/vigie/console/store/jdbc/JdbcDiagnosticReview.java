package io.vigie.console.store.jdbc;

import static io.vigie.console.store.DiagnosticStore.MAX_TEXT;
import static io.vigie.console.store.jdbc.Jdbc.instant;
import static io.vigie.console.store.jdbc.Jdbc.list;
import static io.vigie.console.store.jdbc.Jdbc.one;
import static io.vigie.console.store.jdbc.Jdbc.update;
import static io.vigie.console.store.jdbc.JdbcDiagnosticStore.RULE;
import static io.vigie.console.store.jdbc.JdbcDiagnosticStore.audit;
import static io.vigie.console.store.jdbc.JdbcDiagnosticStore.checkId;
import static io.vigie.console.store.jdbc.JdbcDiagnosticStore.checkText;
import static io.vigie.console.store.jdbc.JdbcDiagnosticStore.find;
import static io.vigie.console.store.jdbc.JdbcDiagnosticStore.requireStaff;

import io.vigie.console.store.DiagnosticStore.Diagnostic;
import io.vigie.console.store.DiagnosticStore.Decision;
import io.vigie.console.store.DiagnosticStore.FindingReview;
import io.vigie.console.store.DiagnosticStore.ExpertAnswer;
import io.vigie.console.store.Scope;
import io.vigie.console.store.StoreException;
import io.vigie.console.store.StoreException.Kind;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The expert review of a diagnostic (observations, sign-offs, decisions on findings, the closing signature) for
 * {@link JdbcDiagnosticStore}: staff writes, refused once the diagnostic is signed, each audited.
 */
final class JdbcDiagnosticReview {

    private final Jdbc jdbc;

    JdbcDiagnosticReview(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public Map<String, ExpertAnswer> expertAnswers(Scope scope, UUID diagnosticId) {
        return jdbc.read(c -> {
            find(c, scope, diagnosticId).orElseThrow(() -> StoreException.notFound("diagnostic"));
            return expert(c, diagnosticId);
        });
    }

    private static Map<String, ExpertAnswer> expert(Connection c, UUID diagnosticId) throws SQLException {
        Map<String, ExpertAnswer> out = new LinkedHashMap<>();
        for (ExpertAnswer a : list(c, "SELECT question_id, observed, signed_off, signoff_answer, signoff_reason, updated_at "
                + "FROM expert_answers WHERE diagnostic_id = ? ORDER BY question_id", rs -> new ExpertAnswer(rs.getString(1),
                rs.getString(2), rs.getInt(3) != 0, rs.getString(4), rs.getString(5), instant(rs, 6)), diagnosticId)) {
            out.put(a.questionId(), a);
        }
        return out;
    }

    public void setObservation(Scope scope, UUID diagnosticId, String questionId, String answerId, Instant now) {
        checkId(questionId);
        if (answerId != null) {
            checkId(answerId);
        }
        jdbc.tx(c -> {
            openForReview(c, scope, diagnosticId);
            ExpertAnswer old = expert(c, diagnosticId).get(questionId);
            String before = old == null ? null : old.observed();
            if (java.util.Objects.equals(before, answerId)) {
                return 0;
            }
            upsertExpert(c, scope, diagnosticId, questionId, answerId, old != null && old.signedOff(),
                    old == null ? null : old.signOffAnswer(), old == null ? null : old.signOffReason(), now);
            audit(c, diagnosticId, scope.userId(), now, "observation", questionId, before, answerId, null);
            return 1;
        });
    }

    public void signOff(Scope scope, UUID diagnosticId, String questionId, String answerId, String reason, Instant now) {
        checkId(questionId);
        if (answerId != null) {
            checkId(answerId);
        }
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        checkText(why, MAX_TEXT, "reason");
        jdbc.tx(c -> {
            openForReview(c, scope, diagnosticId);
            ExpertAnswer old = expert(c, diagnosticId).get(questionId);
            String before = old == null || !old.signedOff() ? null : signedValue(old.signOffAnswer());
            upsertExpert(c, scope, diagnosticId, questionId, old == null ? null : old.observed(), true, answerId, why, now);
            audit(c, diagnosticId, scope.userId(), now, "signoff", questionId, before, signedValue(answerId), why);
            return 1;
        });
    }

    /** How a sign-off shows in the audit: the chosen answer, or « accepted » for the proposal. */
    private static String signedValue(String answerId) {
        return answerId == null ? "accepted" : answerId;
    }

    public void withdrawSignOff(Scope scope, UUID diagnosticId, String questionId, Instant now) {
        checkId(questionId);
        jdbc.tx(c -> {
            openForReview(c, scope, diagnosticId);
            ExpertAnswer old = expert(c, diagnosticId).get(questionId);
            if (old == null || !old.signedOff()) {
                return 0;
            }
            upsertExpert(c, scope, diagnosticId, questionId, old.observed(), false, null, null, now);
            audit(c, diagnosticId, scope.userId(), now, "signoff", questionId, signedValue(old.signOffAnswer()), null, null);
            return 1;
        });
    }

    private static void upsertExpert(Connection c, Scope scope, UUID d, String q, String observed, boolean signed,
                                     String answer, String reason, Instant now) throws SQLException {
        update(c, "INSERT INTO expert_answers (diagnostic_id, question_id, observed, signed_off, signoff_answer, "
                + "signoff_reason, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (diagnostic_id, "
                + "question_id) DO UPDATE SET observed = excluded.observed, signed_off = excluded.signed_off, "
                + "signoff_answer = excluded.signoff_answer, signoff_reason = excluded.signoff_reason, "
                + "updated_by = excluded.updated_by, updated_at = excluded.updated_at",
                d, q, observed, signed ? 1 : 0, signed ? answer : null, signed ? reason : null, scope.userId(), now);
    }

    public List<FindingReview> findingReviews(Scope scope, UUID diagnosticId) {
        return jdbc.read(c -> {
            find(c, scope, diagnosticId).orElseThrow(() -> StoreException.notFound("diagnostic"));
            return list(c, "SELECT f.device_id, f.rule_id, f.decision, f.reason, u.email, f.reviewed_at FROM finding_reviews f "
                    + "LEFT JOIN users u ON u.id = f.reviewed_by WHERE f.diagnostic_id = ? ORDER BY f.device_id, f.rule_id",
                    rs -> new FindingReview(UUID.fromString(rs.getString(1)), rs.getString(2),
                            Decision.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5), instant(rs, 6)), diagnosticId);
        });
    }

    public void reviewFinding(Scope scope, UUID diagnosticId, UUID deviceId, String ruleId, Decision decision,
                              String reason, Instant now) {
        if (ruleId == null || !RULE.matcher(ruleId).matches()) {
            throw new StoreException(Kind.INVALID, "bad_rule", "a rule id such as VIG-BAK-001");
        }
        if (decision == null) {
            throw new StoreException(Kind.INVALID, "bad_decision", "confirm, dismiss or not applicable");
        }
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        checkText(why, MAX_TEXT, "reason");
        if (decision == Decision.DISMISSED && why == null) {
            throw new StoreException(Kind.INVALID, "reason_required", "dismissing a finding needs a reason");
        }
        jdbc.tx(c -> {
            Diagnostic d = openForReview(c, scope, diagnosticId);
            String host = one(c, "SELECT hostname FROM devices WHERE id = ? AND organisation_id = ?", rs -> {
                String h = rs.getString(1);
                return h == null ? "" : h;
            }, deviceId, d.organisationId()).orElseThrow(() -> StoreException.notFound("device"));
            String before = one(c, "SELECT decision FROM finding_reviews WHERE diagnostic_id = ? AND device_id = ? AND rule_id = ?",
                    rs -> rs.getString(1), diagnosticId, deviceId, ruleId).orElse(null);
            update(c, "INSERT INTO finding_reviews (diagnostic_id, device_id, rule_id, decision, reason, reviewed_by, "
                    + "reviewed_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (diagnostic_id, device_id, rule_id) DO UPDATE "
                    + "SET decision = excluded.decision, reason = excluded.reason, reviewed_by = excluded.reviewed_by, "
                    + "reviewed_at = excluded.reviewed_at", diagnosticId, deviceId, ruleId, decision.name(), why,
                    scope.userId(), now);
            audit(c, diagnosticId, scope.userId(), now, "finding", ruleId, before, decision.name(),
                    why == null ? host : host + " — " + why);
            return 1;
        });
    }

    public void sign(Scope scope, UUID diagnosticId, Instant now) {
        jdbc.tx(c -> {
            openForReview(c, scope, diagnosticId);
            update(c, "UPDATE diagnostics SET signed_at = ?, signed_by = ? WHERE id = ?", now, scope.userId(), diagnosticId);
            audit(c, diagnosticId, scope.userId(), now, "signature", "diagnostic", null, "signed", null);
            return 1;
        });
    }

    /** The diagnostic, for a staff write while it is not signed. */
    static Diagnostic openForReview(Connection c, Scope scope, UUID diagnosticId) throws SQLException {
        Diagnostic d = find(c, scope, diagnosticId).orElseThrow(() -> StoreException.notFound("diagnostic"));
        requireStaff(scope);
        if (d.signed()) {
            throw JdbcDiagnosticStore.signed();
        }
        return d;
    }
}
