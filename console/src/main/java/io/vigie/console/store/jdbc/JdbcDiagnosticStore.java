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
    static final Pattern RULE = Pattern.compile("[A-Z0-9-]{1,40}");
    static final Pattern ID = Pattern.compile("[A-Za-z0-9.]{1,20}");
    public static final int MAX_COUNT = 100_000;

    private final Jdbc jdbc;
    private final JdbcDiagnosticReview review;
    private final JdbcDiagnosticPlan plan;

    JdbcDiagnosticStore(Jdbc jdbc) {
        this.jdbc = jdbc;
        this.review = new JdbcDiagnosticReview(jdbc);
        this.plan = new JdbcDiagnosticPlan(jdbc);
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

    static Optional<Diagnostic> find(Connection c, Scope scope, UUID diagnosticId) throws SQLException {
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
        return one(c, "SELECT d.id, o.id, o.name, d.referential_id, d.referential_version, l.expires_at, d.signed_at "
                + "FROM owner_links l JOIN diagnostics d ON d.id = l.diagnostic_id JOIN organisations o ON o.id = d.organisation_id "
                + "WHERE l.token_hash = ? AND l.expires_at > ? AND l.revoked_at IS NULL", rs -> new OwnerAccess(UUID.fromString(rs.getString(1)),
                UUID.fromString(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getString(5), instant(rs, 6),
                instant(rs, 7)),
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
            OwnerAccess a = access(c, token, now).orElseThrow(() -> StoreException.notFound("link"));
            if (a.signed()) {
                throw signed();
            }
            UUID d = a.diagnosticId();
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

    // ------------------------------------------------------------------ expert review: JdbcDiagnosticReview

    @Override
    public Map<String, ExpertAnswer> expertAnswers(Scope scope, UUID diagnosticId) {
        return review.expertAnswers(scope, diagnosticId);
    }

    @Override
    public void setObservation(Scope scope, UUID diagnosticId, String questionId, String answerId, Instant now) {
        review.setObservation(scope, diagnosticId, questionId, answerId, now);
    }

    @Override
    public void signOff(Scope scope, UUID diagnosticId, String questionId, String answerId, String reason, Instant now) {
        review.signOff(scope, diagnosticId, questionId, answerId, reason, now);
    }

    @Override
    public void withdrawSignOff(Scope scope, UUID diagnosticId, String questionId, Instant now) {
        review.withdrawSignOff(scope, diagnosticId, questionId, now);
    }

    @Override
    public List<FindingReview> findingReviews(Scope scope, UUID diagnosticId) {
        return review.findingReviews(scope, diagnosticId);
    }

    @Override
    public void reviewFinding(Scope scope, UUID diagnosticId, UUID deviceId, String ruleId, Decision decision, String reason, Instant now) {
        review.reviewFinding(scope, diagnosticId, deviceId, ruleId, decision, reason, now);
    }

    @Override
    public void sign(Scope scope, UUID diagnosticId, Instant now) {
        review.sign(scope, diagnosticId, now);
    }

    // ------------------------------------------------------------------ the plan: JdbcDiagnosticPlan

    @Override
    public Map<String, Tracking> planTracking(Scope scope, UUID diagnosticId) {
        return plan.planTracking(scope, diagnosticId);
    }

    @Override
    public void track(Scope scope, UUID diagnosticId, String questionId, String ownerName, LocalDate due, Status status, Instant now) {
        plan.track(scope, diagnosticId, questionId, ownerName, due, status, now);
    }

    @Override
    public List<PlanSwap> swaps(Scope scope, UUID diagnosticId) {
        return plan.swaps(scope, diagnosticId);
    }

    @Override
    public void addSwap(Scope scope, UUID diagnosticId, String out, String in, String reason, Instant now) {
        plan.addSwap(scope, diagnosticId, out, in, reason, now);
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
    static void audit(Connection c, UUID d, UUID who, Instant now, String kind, String what, String before,
                              String after, String detail) throws SQLException {
        int seq = one(c, "SELECT COALESCE(MAX(seq), -1) + 1 FROM diagnostic_audit WHERE diagnostic_id = ?",
                rs -> rs.getInt(1), d).orElse(0);
        update(c, "INSERT INTO diagnostic_audit (id, diagnostic_id, who_user, who_kind, at, seq, kind, what, before_value, "
                + "after_value, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", UUID.randomUUID(), d, who,
                who == null ? OWNER_LINK : "user", now, seq, kind, what, before, after, detail);
    }

    /** The refusal of any write that would move a signed diagnostic. */
    static StoreException signed() {
        return new StoreException(Kind.CONFLICT, "diagnostic_signed", "the diagnostic is signed; start a new one to change it");
    }

    static void checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new StoreException(Kind.INVALID, "bad_id", "question and answer ids are short identifiers");
        }
    }

    static void checkText(String text, int max, String what) {
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

    static void requireStaff(Scope scope) {
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
