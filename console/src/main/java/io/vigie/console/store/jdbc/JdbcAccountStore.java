package io.vigie.console.store.jdbc;

import static io.vigie.console.store.jdbc.Jdbc.instant;
import static io.vigie.console.store.jdbc.Jdbc.one;
import static io.vigie.console.store.jdbc.Jdbc.requireText;
import static io.vigie.console.store.jdbc.Jdbc.update;
import static io.vigie.console.store.jdbc.Jdbc.uuid;

import io.vigie.console.store.AccountStore;
import io.vigie.console.store.IssuedSecret;
import io.vigie.console.store.LoginCandidate;
import io.vigie.console.store.Role;
import io.vigie.console.store.Scope;
import io.vigie.console.store.Secrets;
import io.vigie.console.store.StoreException;
import io.vigie.console.store.StoreException.Kind;
import io.vigie.console.store.UserAccount;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** {@link AccountStore} on JDBC (SQLite and PostgreSQL, portable SQL). */
final class JdbcAccountStore implements AccountStore {

    private static final String TOKEN_PREFIX = "vgt_";

    private final Jdbc jdbc;

    JdbcAccountStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public UUID ensureProvider(String name, Instant now) {
        String n = requireText(name, "provider name", 200);
        return jdbc.tx(c -> {
            Optional<UUID> existing = one(c, "SELECT id FROM providers WHERE name = ?", rs -> uuid(rs, 1), n);
            if (existing.isPresent()) {
                return existing.get();
            }
            UUID id = UUID.randomUUID();
            update(c, "INSERT INTO providers (id, name, created_at) VALUES (?, ?, ?)", id, n, now);
            return id;
        });
    }

    @Override
    public UserAccount createUser(UUID providerId, UUID organisationId, String email, String passwordHash, Role role,
                                  Instant now) {
        String mail = normaliseEmail(email);
        if ((role == Role.CUSTOMER_VIEWER) != (organisationId != null)) {
            throw new StoreException(Kind.INVALID, "role_organisation",
                    "a customer viewer, and only a customer viewer, belongs to one organisation");
        }
        return jdbc.tx(c -> {
            if (one(c, "SELECT id FROM providers WHERE id = ?", rs -> 1, providerId).isEmpty()) {
                throw StoreException.notFound("provider");
            }
            if (organisationId != null && one(c, "SELECT id FROM organisations WHERE id = ? AND provider_id = ?",
                    rs -> 1, organisationId, providerId).isEmpty()) {
                throw StoreException.notFound("organisation");
            }
            if (one(c, "SELECT id FROM users WHERE email = ?", rs -> 1, mail).isPresent()) {
                throw new StoreException(Kind.CONFLICT, "email_taken", "a user with this email already exists");
            }
            UUID id = UUID.randomUUID();
            update(c, "INSERT INTO users (id, provider_id, organisation_id, email, password_hash, role, created_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?)", id, providerId, organisationId, mail, passwordHash, role.name(), now);
            return new UserAccount(id, providerId, organisationId, mail, role, now);
        });
    }

    @Override
    public Optional<LoginCandidate> findLogin(String email) {
        String mail = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        return jdbc.read(c -> one(c, "SELECT id, provider_id, organisation_id, email, role, created_at, password_hash "
                + "FROM users WHERE email = ? AND disabled_at IS NULL",
                rs -> new LoginCandidate(user(rs), rs.getString(7)), mail));
    }

    // ------------------------------------------------------------------ tokens, sessions, throttling

    @Override
    public IssuedSecret createApiToken(Scope scope, String label, Instant now) {
        String token = TOKEN_PREFIX + Secrets.newSecret();
        UUID id = UUID.randomUUID();
        String l = label == null ? null : requireText(label, "label", 200);
        jdbc.tx(c -> update(c, "INSERT INTO api_tokens (id, user_id, token_hash, label, created_at) VALUES (?, ?, ?, ?, ?)",
                id, scope.userId(), Secrets.sha256(token), l, now));
        return new IssuedSecret(id, token, null);
    }

    @Override
    public Optional<Scope> authenticateApiToken(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX)) {
            return Optional.empty();
        }
        return jdbc.read(c -> one(c, "SELECT u.id, u.provider_id, u.organisation_id, u.email, u.role, u.created_at "
                + "FROM api_tokens t JOIN users u ON u.id = t.user_id "
                + "WHERE t.token_hash = ? AND t.revoked_at IS NULL AND u.disabled_at IS NULL",
                rs -> user(rs).scope(), Secrets.sha256(token)));
    }

    @Override
    public void revokeApiToken(Scope scope, UUID tokenId, Instant now) {
        int n = jdbc.tx(c -> scope.role() == Role.PROVIDER_ADMIN
                ? update(c, "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL "
                        + "AND user_id IN (SELECT u.id FROM users u WHERE u.provider_id = ?)", now, tokenId, scope.providerId())
                : update(c, "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL AND user_id = ?",
                        now, tokenId, scope.userId()));
        if (n == 0) {
            throw StoreException.notFound("token");
        }
    }

    @Override
    public int hit(String bucket, Instant now, Duration window) {
        Instant staleBefore = now.minus(window);
        return jdbc.tx(c -> {
            update(c, "INSERT INTO throttle (bucket, window_start, hits) VALUES (?, ?, 1) ON CONFLICT (bucket) DO UPDATE SET "
                    + "hits = CASE WHEN throttle.window_start <= ? THEN 1 ELSE throttle.hits + 1 END, "
                    + "window_start = CASE WHEN throttle.window_start <= ? THEN ? ELSE throttle.window_start END",
                    bucket, now, staleBefore, staleBefore, now);
            return one(c, "SELECT hits FROM throttle WHERE bucket = ?", rs -> rs.getInt(1), bucket).orElseThrow();
        });
    }

    @Override
    public int hits(String bucket, Instant now, Duration window) {
        long staleBefore = now.minus(window).toEpochMilli();
        return jdbc.read(c -> one(c, "SELECT window_start, hits FROM throttle WHERE bucket = ?",
                rs -> rs.getLong(1) <= staleBefore ? 0 : rs.getInt(2), bucket).orElse(0));
    }

    @Override
    public void unhit(String bucket) {
        jdbc.tx(c -> update(c, "UPDATE throttle SET hits = hits - 1 WHERE bucket = ? AND hits > 0", bucket));
    }

    @Override
    public void unlockAccount(Scope admin, UUID userId, Instant now) {
        if (admin.role() != Role.PROVIDER_ADMIN) {
            throw new StoreException(Kind.FORBIDDEN, "role_forbidden", "only a provider admin may unlock an account");
        }
        jdbc.tx(c -> {
            String email = one(c, "SELECT email FROM users WHERE id = ? AND provider_id = ?", rs -> rs.getString(1),
                    userId, admin.providerId()).orElseThrow(() -> StoreException.notFound("user"));
            update(c, "DELETE FROM throttle WHERE bucket = ?", LOGIN_BUCKET + email);
            SecurityAudit.record(c, now, admin.providerId(), admin.userId(), "account_unlocked", email);
            return null;
        });
    }

    @Override
    public boolean locked(UUID userId, Instant now, Duration window, int limit) {
        long staleBefore = now.minus(window).toEpochMilli();
        return jdbc.read(c -> {
            Optional<String> email = one(c, "SELECT email FROM users WHERE id = ?", rs -> rs.getString(1), userId);
            if (email.isEmpty()) {
                return false;
            }
            return one(c, "SELECT window_start, hits FROM throttle WHERE bucket = ?",
                    rs -> rs.getLong(1) > staleBefore && rs.getInt(2) >= limit, LOGIN_BUCKET + email.get()).orElse(false);
        });
    }

    @Override
    public void recordSecurityEvent(Instant now, UUID providerId, UUID actorId, String action, String subject) {
        jdbc.tx(c -> {
            SecurityAudit.record(c, now, providerId, actorId, action, subject);
            return null;
        });
    }

    static UserAccount user(ResultSet rs) throws SQLException {
        return new UserAccount(uuid(rs, 1), uuid(rs, 2), uuid(rs, 3), rs.getString(4), Role.valueOf(rs.getString(5)),
                instant(rs, 6));
    }

    static String normaliseEmail(String email) {
        String e = requireText(email, "email", 320).toLowerCase(Locale.ROOT);
        if (e.indexOf('@') <= 0 || e.indexOf('@') == e.length() - 1) {
            throw new StoreException(Kind.INVALID, "bad_email", "not an email address");
        }
        return e;
    }
}
