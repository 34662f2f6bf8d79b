package io.vigie.console.store.jdbc;

import static io.vigie.console.store.jdbc.Jdbc.instant;
import static io.vigie.console.store.jdbc.Jdbc.list;
import static io.vigie.console.store.jdbc.Jdbc.one;
import static io.vigie.console.store.jdbc.Jdbc.update;

import io.vigie.checks.plan.Status;
import io.vigie.console.store.DiagnosticStore;
import io.vigie.console.store.IssuedSecret;
import io.vigie.console.store.Role;
import io.vigie.console.store.Scope;
import io.vigie.console.store.Secrets;
import io.vigie.console.store.StoreException;
import io.vigie.console.store.StoreException.Kind;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** {@link DiagnosticStore} on the console database (tables from {@code V4__diagnostic.sql}). Portable SQL only. */
public final class JdbcDiagnosticStore implements DiagnosticStore {

    private static final String COLUMNS = "d.id, d.organisation_id, d.created_by, d.created_at, d.referential_id, "
            + "d.referential_version, d.workstations, d.servers, d.signed_at, d.signed_by";
    private static final Pattern RULE = Pattern.compile("[A-Z0-9-]{1,40}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9.]{1,20}");
    public static final int MAX_COUNT = 100_000;

    private final Jdbc jdbc;

    JdbcDiagnosticStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Diagnostic createDiagnostic(Scope scope, UUID organisationId, String referentialId, String referentialVersion,
                                       int workstations, int servers, Instant now) {
        return jdbc.tx(c -> {
            if (one(c, "SELECT o.id FROM organisations o WHERE o.id = ? AND " + Tenant.where(scope).sql(), rs -> 1,
                    Tenant.where(scope).after(organisationId)).isEmpty()) {
                throw StoreException.notFound("organisation");
            }
            requireStaff(scope);
            if (workstations < 0 || workstations > MAX_COUNT || servers < 0 || servers > MAX_COUNT) {
                throw new StoreException(Kind.INVALID, "bad_count", "counts from 0 to " + MAX_COUNT);
            }
            Diagnostic d = new Diagnostic(UUID.randomUUID(), organisationId, scope.userId(), now, referentialId,
                    referentialVersion, workstations, servers, null, null);
            update(c, "INSERT INTO diagnostics (id, organisation_id, created_by, created_at, referential_id, "
                    + "referential_version, workstations, servers) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", d.id(),
                    organisationId, scope.userId(), now, referentialId, referentialVersion, workstations, servers);
            return d;
        });
    }

    @Override
    public List<Diagnostic> diagnostics(Scope scope, UUID organisationId) {
        return jdbc.read(c -> list(c, "SELECT " + COLUMNS + " FROM diagnostics d JOIN organisations o ON o.id = d.organisation_id "
                + "WHERE d.organisation_id = ? AND " + Tenant.where(scope).sql() + " ORDER BY d.created_at DESC, d.id", JdbcDiagnosticStore::diagnostic,
                Tenant.where(scope).after(organisationId)));
    }

    @Override
    public Optional<Diagnostic> diagnostic(Scope scope, UUID diagnosticId) {
        return jdbc.read(c -> find(c, scope, diagnosticId));
    }

    private static Optional<Diagnostic> find(Connection c, Scope scope, UUID diagnosticId) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM diagnostics d JOIN organisations o ON o.id = d.organisation_id "
                + "WHERE d.id = ? AND " + Tenant.where(scope).sql(), JdbcDiagnosticStore::diagnostic, Tenant.where(scope).after(diagnosticId));
    }

    @Override
    public IssuedSecret createOwnerLink(Scope scope, UUID diagnosticId, Instant now) {
        int days = ownerLinkDays(scope);
        return jdbc.tx(c -> {
            find(c, scope, diagnosticId).orElseThrow(() -> StoreException.notFound("diagnostic"));
            requireStaff(scope);
            String token = Secrets.newSecret();
            UUID id = UUID.randomUUID();
            Instant expires = now.plus(Duration.ofDays(days));
            update(c, "INSERT INTO owner_links (id, token_hash, diagnostic_id, created_by, created_at, expires_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?)", id, Secrets.sha256(token), diagnosticId, scope.userId(), now, expires);
            return new IssuedSecret(id, token, expires);
        });
    }

    @Override
    public Optional<Instant> ownerLinkExpiry(Scope scope, UUID diagnosticId) {
        return jdbc.read(c -> {
            find(c, scope, diagnosticId).orElseThrow(() -> StoreException.notFound("diagnostic"));
            return one(c, "SELECT expires_at FROM owner_links WHERE diagnostic_id = ? AND revoked_at IS NULL "
                    + "ORDER BY expires_at DESC", rs -> instant(rs, 1), diagnosticId);
        });
    }

    @Override
    public Map<String, String> ownerAnswers(Scope scope, UUID diagnosticId) {
        return jdbc.read(c -> {
            find(c, scope, diagnosticId).orElseThrow(() -> StoreException.notFound("diagnostic"));
            return answers(c, diagnosticId);
        });
    }

    @Override
    public List<AuditEntry> audit(Scope scope, UUID diagnosticId) {
        return jdbc.read(c -> {
            find(c, scope, diagnosticId).orElseThrow(() -> StoreException.notFound("diagnostic"));
            return list(c, "SELECT a.at, a.who_kind, u.email, a.kind, a.what, a.before_value, a.after_value, a.detail "
                    + "FROM diagnostic_audit a LEFT JOIN users u ON u.id = a.who_user WHERE a.diagnostic_id = ? "
                    + "ORDER BY a.at DESC, a.seq DESC",
                    rs -> new AuditEntry(instant(rs, 1), rs.getString(2), rs.getString(3),
                            rs.getString(4) == null ? "answer" : rs.getString(4), rs.getString(5), rs.getString(6),
                            rs.getString(7), rs.getString(8)), diagnosticId);
        });
    }

    @Override
    public Optional<OwnerAccess> ownerAccess(String token, Instant now) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.read(c -> access(c, token, now));
    }

    private static Optional<OwnerAccess> access(Connection c, String token, Instant now) throws SQLException {
        return one(c, "SELECT d.id, o.id, o.name, d.referential_id, d.referential_version, l.expires_at FROM owner_links l "
                + "JOIN diagnostics d ON d.id = l.diagnostic_id JOIN organisations o ON o.id = d.organisation_id "
                + "WHERE l.token_hash = ? AND l.expires_at > ? AND l.revoked_at IS NULL", rs -> new OwnerAccess(UUID.fromString(rs.getString(1)),
                UUID.fromString(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getString(5), instant(rs, 6)),
                Secrets.sha256(token), now);
    }

    @Override
    public Map<String, String> ownerAnswers(String token, Instant now) {
        if (token == null || token.length() > 100) {
            throw StoreException.notFound("link");
        }
        return jdbc.read(c -> answers(c, access(c, token, now).orElseThrow(() -> StoreException.notFound("link")).diagnosticId()));
    }

    @Override
    public void saveOwnerAnswers(String token, Map<String, String> answers, Instant now) {
        if (token == null || token.length() > 100) {
            throw StoreException.notFound("link");
        }
        for (Map.Entry<String, String> e : answers.entrySet()) {
            if (!ID.matcher(e.getKey()).matches() || e.getValue() == null || !ID.matcher(e.getValue()).matches()) {
                throw new StoreException(Kind.INVALID, "bad_answer", "answer ids are short identifiers");
            }
        }
        jdbc.tx(c -> {
            UUID d = access(c, token, now).orElseThrow(() -> StoreException.notFound("link")).diagnosticId();
            Map<String, String> before = answers(c, d);
            int seq = 0;
            for (Map.Entry<String, String> e : answers.entrySet()) {
                String old = before.get(e.getKey());
                if (e.getValue().equals(old)) {
                    continue;
                }
                if (old == null) {
                    update(c, "INSERT INTO owner_answers (diagnostic_id, question_id, answer_id, answered_at) VALUES (?, ?, ?, ?)",
                            d, e.getKey(), e.getValue(), now);
                } else {
                    update(c, "UPDATE owner_answers SET answer_id = ?, answered_at = ? WHERE diagnostic_id = ? AND question_id = ?",
                            e.getValue(), now, d, e.getKey());
                }
                audit(c, d, null, now, e.getKey().startsWith("C") ? "context" : "answer", e.getKey(), old, e.getValue(), null);
                seq++;
            }
            return seq;
        });
    }

    @Override
    public int ownerLinkDays(Scope scope) {
        return jdbc.read(c -> one(c, "SELECT owner_link_days FROM diagnostic_settings WHERE provider_id = ?", rs -> rs.getInt(1),
                scope.providerId()).orElse(DEFAULT_OWNER_LINK_DAYS));
    }

    @Override
    public void setOwnerLinkDays(Scope scope, int days) {
        if (scope.role() != Role.PROVIDER_ADMIN) {
            throw new StoreException(Kind.FORBIDDEN, "role_forbidden", "only a provider admin may do this");
        }
        if (days < 1 || days > 90) {
            throw new StoreException(Kind.INVALID, "link_days", "between 1 and 90 days");
        }
        jdbc.tx(c -> update(c, "INSERT INTO diagnostic_settings (provider_id, owner_link_days) VALUES (?, ?) "
                + "ON CONFLICT (provider_id) DO UPDATE SET owner_link_days = excluded.owner_link_days", scope.providerId(), days));
    }


    @Override
    public Optional<String> evaluationVersion(Scope scope, UUID diagnosticId) {
        return jdbc.read(c -> one(c, "SELECT d.signed_at, "
                + "(SELECT COUNT(*) FROM diagnostic_audit a WHERE a.diagnostic_id = d.id), "
                + "(SELECT MAX(a.at) FROM diagnostic_audit a WHERE a.diagnostic_id = d.id), "
                + "(SELECT COUNT(*) FROM reports r WHERE r.organisation_id = d.organisation_id), "
                + "(SELECT MAX(r.received_at) FROM reports r WHERE r.organisation_id = d.organisation_id), "
                + "(SELECT MAX(v.judged_at) FROM verdict_sets v JOIN reports r ON r.id = v.report_id "
                + "WHERE r.organisation_id = d.organisation_id), "
                + "(SELECT COUNT(*) FROM devices v WHERE v.organisation_id = d.organisation_id), "
                + "(SELECT MAX(v.enrolled_at) FROM devices v WHERE v.organisation_id = d.organisation_id), "
                + "(SELECT COUNT(v.revoked_at) FROM devices v WHERE v.organisation_id = d.organisation_id) "
                + "FROM diagnostics d JOIN organisations o ON o.id = d.organisation_id WHERE d.id = ? AND " + Tenant.where(scope).sql(),
                rs -> {
                    StringBuilder b = new StringBuilder();
                    for (int i = 1; i <= 9; i++) {
                        b.append(i == 1 ? "" : "/").append(rs.getString(i));
                    }
                    return b.toString();
                }, Tenant.where(scope).after(diagnosticId)));
    }

    @Override
    public int revokeOwnerLinks(Scope scope, UUID diagnosticId, Instant now) {
        return jdbc.tx(c -> {
            find(c, scope, diagnosticId).orElseThrow(() -> StoreException.notFound("diagnostic"));
            requireStaff(scope);
            int n = update(c, "UPDATE owner_links SET revoked_at = ? WHERE diagnostic_id = ? AND revoked_at IS NULL "
                    + "AND expires_at > ?", now, diagnosticId, now);
            if (n > 0) {
                audit(c, diagnosticId, scope.userId(), now, "link", "revoked", null, String.valueOf(n), null);
            }
            return n;
        });
    }

    // ------------------------------------------------------------------ expert review

    @Override
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

    @Override
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

    @Override
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

    @Override
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

    @Override
    public List<FindingReview> findingReviews(Scope scope, UUID diagnosticId) {
        return jdbc.read(c -> {
            find(c, scope, diagnosticId).orElseThrow(() -> StoreException.notFound("diagnostic"));
            return list(c, "SELECT f.device_id, f.rule_id, f.decision, f.reason, u.email, f.reviewed_at FROM finding_reviews f "
                    + "LEFT JOIN users u ON u.id = f.reviewed_by WHERE f.diagnostic_id = ? ORDER BY f.device_id, f.rule_id",
                    rs -> new FindingReview(UUID.fromString(rs.getString(1)), rs.getString(2),
                            Decision.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5), instant(rs, 6)), diagnosticId);
        });
    }

    @Override
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

    @Override
    public void sign(Scope scope, UUID diagnosticId, Instant now) {
        jdbc.tx(c -> {
            openForReview(c, scope, diagnosticId);
            update(c, "UPDATE diagnostics SET signed_at = ?, signed_by = ? WHERE id = ?", now, scope.userId(), diagnosticId);
            audit(c, diagnosticId, scope.userId(), now, "signature", "diagnostic", null, "signed", null);
            return 1;
        });
    }

    /** The diagnostic, for a staff write while it is not signed. */
    private static Diagnostic openForReview(Connection c, Scope scope, UUID diagnosticId) throws SQLException {
        Diagnostic d = find(c, scope, diagnosticId).orElseThrow(() -> StoreException.notFound("diagnostic"));
        requireStaff(scope);
        if (d.signed()) {
            throw new StoreException(Kind.CONFLICT, "diagnostic_signed", "the diagnostic is signed; start a new one");
        }
        return d;
    }

    // ------------------------------------------------------------------ the plan's tracking

    @Override
    public Map<String, Tracking> planTracking(Scope scope, UUID diagnosticId) {
        return jdbc.read(c -> {
            find(c, scope, diagnosticId).orElseThrow(() -> StoreException.notFound("diagnostic"));
            return tracking(c, diagnosticId);
        });
    }

    private static Map<String, Tracking> tracking(Connection c, UUID diagnosticId) throws SQLException {
        Map<String, Tracking> out = new LinkedHashMap<>();
        for (Tracking t : list(c, "SELECT question_id, owner_name, due_date, status, updated_at FROM plan_tracking "
                + "WHERE diagnostic_id = ? ORDER BY question_id", rs -> new Tracking(rs.getString(1), rs.getString(2),
                rs.getString(3) == null ? null : LocalDate.parse(rs.getString(3)),
                rs.getString(4) == null ? null : Status.valueOf(rs.getString(4)), instant(rs, 5)),
                diagnosticId)) {
            out.put(t.questionId(), t);
        }
        return out;
    }

    @Override
    public void track(Scope scope, UUID diagnosticId, String questionId, String ownerName, LocalDate due, Status status,
                      Instant now) {
        checkId(questionId);
        String name = ownerName == null || ownerName.isBlank() ? null : ownerName.strip();
        checkText(name, MAX_NAME, "owner");
        if (status != null && !DECLARABLE.contains(status)) {
            throw new StoreException(Kind.INVALID, "bad_status", "A_FAIRE, EN_COURS or FAIT");
        }
        if (due != null && (due.getYear() < 2000 || due.getYear() > 2100)) {
            throw new StoreException(Kind.INVALID, "bad_date", "a date between 2000 and 2100");
        }
        jdbc.tx(c -> {
            find(c, scope, diagnosticId).orElseThrow(() -> StoreException.notFound("diagnostic"));
            Tracking old = tracking(c, diagnosticId).get(questionId);
            String dueText = due == null ? null : due.toString();
            update(c, "INSERT INTO plan_tracking (diagnostic_id, question_id, owner_name, due_date, status, updated_by, "
                    + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (diagnostic_id, question_id) DO UPDATE SET "
                    + "owner_name = excluded.owner_name, due_date = excluded.due_date, status = excluded.status, "
                    + "updated_by = excluded.updated_by, updated_at = excluded.updated_at",
                    diagnosticId, questionId, name, dueText, status, scope.userId(), now);
            String[][] fields = {
                {"owner", old == null ? null : old.ownerName(), name},
                {"due", old == null || old.due() == null ? null : old.due().toString(), dueText},
                {"status", old == null || old.status() == null ? null : old.status().name(),
                    status == null ? null : status.name()}};
            for (String[] f : fields) {
                if (!java.util.Objects.equals(f[1], f[2])) {
                    audit(c, diagnosticId, scope.userId(), now, "plan", questionId, f[1], f[2], f[0]);
                }
            }
            return 1;
        });
    }

    @Override
    public List<PlanSwap> swaps(Scope scope, UUID diagnosticId) {
        return jdbc.read(c -> {
            find(c, scope, diagnosticId).orElseThrow(() -> StoreException.notFound("diagnostic"));
            return list(c, "SELECT s.seq, s.out_question, s.in_question, u.email, s.at, s.reason FROM plan_swaps s "
                    + "LEFT JOIN users u ON u.id = s.who_user WHERE s.diagnostic_id = ? ORDER BY s.seq",
                    rs -> new PlanSwap(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), instant(rs, 5),
                            rs.getString(6)), diagnosticId);
        });
    }

    @Override
    public void addSwap(Scope scope, UUID diagnosticId, String out, String in, String reason, Instant now) {
        checkId(out);
        checkId(in);
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (why == null) {
            throw new StoreException(Kind.INVALID, "reason_required", "a swap needs a reason");
        }
        checkText(why, MAX_TEXT, "reason");
        jdbc.tx(c -> {
            find(c, scope, diagnosticId).orElseThrow(() -> StoreException.notFound("diagnostic"));
            int n = one(c, "SELECT COUNT(*) FROM plan_swaps WHERE diagnostic_id = ?", rs -> rs.getInt(1), diagnosticId)
                    .orElse(0);
            if (n >= MAX_SWAPS) {
                throw new StoreException(Kind.CONFLICT, "too_many_swaps", "at most " + MAX_SWAPS + " swaps per plan");
            }
            update(c, "INSERT INTO plan_swaps (diagnostic_id, seq, out_question, in_question, who_user, at, reason) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?)", diagnosticId, n + 1, out, in, scope.userId(), now, why);
            audit(c, diagnosticId, scope.userId(), now, "swap", in, out, in, why);
            return 1;
        });
    }

    @Override
    public Optional<String> expertEmail(Scope scope, UUID diagnosticId) {
        return jdbc.read(c -> {
            Diagnostic d = find(c, scope, diagnosticId).orElseThrow(() -> StoreException.notFound("diagnostic"));
            UUID who = d.signedBy() != null ? d.signedBy() : d.createdBy();
            return one(c, "SELECT email FROM users WHERE id = ?", rs -> rs.getString(1), who);
        });
    }

    // ------------------------------------------------------------------ helpers

    /** Appends an audit row; {@code who} null for the owner's link. */
    private static void audit(Connection c, UUID d, UUID who, Instant now, String kind, String what, String before,
                              String after, String detail) throws SQLException {
        int seq = one(c, "SELECT COALESCE(MAX(seq), -1) + 1 FROM diagnostic_audit WHERE diagnostic_id = ?",
                rs -> rs.getInt(1), d).orElse(0);
        update(c, "INSERT INTO diagnostic_audit (id, diagnostic_id, who_user, who_kind, at, seq, kind, what, before_value, "
                + "after_value, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", UUID.randomUUID(), d, who,
                who == null ? OWNER_LINK : "user", now, seq, kind, what, before, after, detail);
    }

    private static void checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new StoreException(Kind.INVALID, "bad_id", "question and answer ids are short identifiers");
        }
    }

    private static void checkText(String text, int max, String what) {
        if (text != null && (text.length() > max || text.chars().anyMatch(ch -> ch < 0x20 && ch != '\n' && ch != '\r' && ch != '\t'))) {
            throw new StoreException(Kind.INVALID, "bad_" + what, what + ": at most " + max + " characters of text");
        }
    }

    private static Map<String, String> answers(Connection c, UUID diagnosticId) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String[] row : list(c, "SELECT question_id, answer_id FROM owner_answers WHERE diagnostic_id = ? ORDER BY question_id",
                rs -> new String[] {rs.getString(1), rs.getString(2)}, diagnosticId)) {
            out.put(row[0], row[1]);
        }
        return out;
    }

    private static void requireStaff(Scope scope) {
        if (!scope.role().canManage()) {
            throw new StoreException(Kind.FORBIDDEN, "role_forbidden", "a customer viewer may not do this");
        }
    }

    private static Diagnostic diagnostic(ResultSet rs) throws SQLException {
        return new Diagnostic(UUID.fromString(rs.getString(1)), UUID.fromString(rs.getString(2)),
                UUID.fromString(rs.getString(3)), instant(rs, 4), rs.getString(5), rs.getString(6), rs.getInt(7), rs.getInt(8),
                instant(rs, 9), rs.getString(10) == null ? null : UUID.fromString(rs.getString(10)));
    }
}
