package io.vigie.console.store.jdbc;

import static io.vigie.console.store.jdbc.Sql.instant;
import static io.vigie.console.store.jdbc.Sql.list;
import static io.vigie.console.store.jdbc.Sql.one;
import static io.vigie.console.store.jdbc.Sql.update;

import io.vigie.console.store.DiagnosticStore;
import io.vigie.console.store.IssuedSecret;
import io.vigie.console.store.Role;
import io.vigie.console.store.Scope;
import io.vigie.console.store.Secrets;
import io.vigie.console.store.StoreException;
import io.vigie.console.store.StoreException.Kind;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** {@link DiagnosticStore} on the console database (tables from {@code V4__diagnostic.sql}). Portable SQL only. */
public final class JdbcDiagnosticStore implements DiagnosticStore {

    private static final String COLUMNS = "d.id, d.organisation_id, d.created_by, d.created_at, d.referential_id, "
            + "d.referential_version, d.workstations, d.servers";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9.]{1,20}");
    public static final int MAX_COUNT = 100_000;

    private final DataSource ds;

    public JdbcDiagnosticStore(Database database) {
        this.ds = database.dataSource();
    }

    /** The tenant predicate on organisation {@code o}: the provider, and a customer viewer's one organisation. */
    private static String tenant(Scope s) {
        return s.organisationId() == null ? " AND o.provider_id = ?" : " AND o.provider_id = ? AND o.id = ?";
    }

    private static Object[] tenant(Scope s, Object first) {
        return s.organisationId() == null ? new Object[] {first, s.providerId()}
                : new Object[] {first, s.providerId(), s.organisationId()};
    }

    @Override
    public Diagnostic createDiagnostic(Scope scope, UUID organisationId, String referentialId, String referentialVersion,
                                       int workstations, int servers, Instant now) {
        return tx(c -> {
            if (one(c, "SELECT o.id FROM organisations o WHERE o.id = ?" + tenant(scope), rs -> 1,
                    tenant(scope, organisationId)).isEmpty()) {
                throw StoreException.notFound("organisation");
            }
            requireStaff(scope);
            if (workstations < 0 || workstations > MAX_COUNT || servers < 0 || servers > MAX_COUNT) {
                throw new StoreException(Kind.INVALID, "bad_count", "counts from 0 to " + MAX_COUNT);
            }
            Diagnostic d = new Diagnostic(UUID.randomUUID(), organisationId, scope.userId(), now, referentialId,
                    referentialVersion, workstations, servers);
            update(c, "INSERT INTO diagnostics (id, organisation_id, created_by, created_at, referential_id, "
                    + "referential_version, workstations, servers) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", d.id(),
                    organisationId, scope.userId(), now, referentialId, referentialVersion, workstations, servers);
            return d;
        });
    }

    @Override
    public List<Diagnostic> diagnostics(Scope scope, UUID organisationId) {
        return read(c -> list(c, "SELECT " + COLUMNS + " FROM diagnostics d JOIN organisations o ON o.id = d.organisation_id "
                + "WHERE d.organisation_id = ?" + tenant(scope) + " ORDER BY d.created_at DESC, d.id", JdbcDiagnosticStore::diagnostic,
                tenant(scope, organisationId)));
    }

    @Override
    public Optional<Diagnostic> diagnostic(Scope scope, UUID diagnosticId) {
        return read(c -> find(c, scope, diagnosticId));
    }

    private static Optional<Diagnostic> find(Connection c, Scope scope, UUID diagnosticId) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM diagnostics d JOIN organisations o ON o.id = d.organisation_id "
                + "WHERE d.id = ?" + tenant(scope), JdbcDiagnosticStore::diagnostic, tenant(scope, diagnosticId));
    }

    @Override
    public IssuedSecret createOwnerLink(Scope scope, UUID diagnosticId, Instant now) {
        int days = ownerLinkDays(scope);
        return tx(c -> {
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
        return read(c -> {
            find(c, scope, diagnosticId).orElseThrow(() -> StoreException.notFound("diagnostic"));
            return one(c, "SELECT expires_at FROM owner_links WHERE diagnostic_id = ? ORDER BY expires_at DESC",
                    rs -> instant(rs, 1), diagnosticId);
        });
    }

    @Override
    public Map<String, String> ownerAnswers(Scope scope, UUID diagnosticId) {
        return read(c -> {
            find(c, scope, diagnosticId).orElseThrow(() -> StoreException.notFound("diagnostic"));
            return answers(c, diagnosticId);
        });
    }

    @Override
    public List<AuditEntry> audit(Scope scope, UUID diagnosticId) {
        return read(c -> {
            find(c, scope, diagnosticId).orElseThrow(() -> StoreException.notFound("diagnostic"));
            return list(c, "SELECT a.at, a.who_kind, u.email, a.what, a.before_value, a.after_value FROM diagnostic_audit a "
                    + "LEFT JOIN users u ON u.id = a.who_user WHERE a.diagnostic_id = ? ORDER BY a.at DESC, a.seq DESC",
                    rs -> new AuditEntry(instant(rs, 1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6)), diagnosticId);
        });
    }

    @Override
    public Optional<OwnerAccess> ownerAccess(String token, Instant now) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        return read(c -> access(c, token, now));
    }

    private static Optional<OwnerAccess> access(Connection c, String token, Instant now) throws SQLException {
        return one(c, "SELECT d.id, o.id, o.name, d.referential_id, d.referential_version, l.expires_at FROM owner_links l "
                + "JOIN diagnostics d ON d.id = l.diagnostic_id JOIN organisations o ON o.id = d.organisation_id "
                + "WHERE l.token_hash = ? AND l.expires_at > ?", rs -> new OwnerAccess(UUID.fromString(rs.getString(1)),
                UUID.fromString(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getString(5), instant(rs, 6)),
                Secrets.sha256(token), now);
    }

    @Override
    public Map<String, String> ownerAnswers(String token, Instant now) {
        if (token == null || token.length() > 100) {
            throw StoreException.notFound("link");
        }
        return read(c -> answers(c, access(c, token, now).orElseThrow(() -> StoreException.notFound("link")).diagnosticId()));
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
        tx(c -> {
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
                update(c, "INSERT INTO diagnostic_audit (id, diagnostic_id, who_user, who_kind, at, seq, what, before_value, "
                        + "after_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", UUID.randomUUID(), d, null, OWNER_LINK, now,
                        seq++, e.getKey(), old, e.getValue());
            }
            return seq;
        });
    }

    @Override
    public int ownerLinkDays(Scope scope) {
        return read(c -> one(c, "SELECT owner_link_days FROM diagnostic_settings WHERE provider_id = ?", rs -> rs.getInt(1),
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
        tx(c -> update(c, "INSERT INTO diagnostic_settings (provider_id, owner_link_days) VALUES (?, ?) "
                + "ON CONFLICT (provider_id) DO UPDATE SET owner_link_days = excluded.owner_link_days", scope.providerId(), days));
    }

    // ------------------------------------------------------------------ helpers

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
                UUID.fromString(rs.getString(3)), instant(rs, 4), rs.getString(5), rs.getString(6), rs.getInt(7), rs.getInt(8));
    }

    private <T> T tx(Sql.Work<T> work) {
        return Sql.tx(ds, work);
    }

    private <T> T read(Sql.Work<T> work) {
        return Sql.read(ds, work);
    }
}
