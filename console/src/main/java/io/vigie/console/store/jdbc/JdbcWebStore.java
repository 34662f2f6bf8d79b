package io.vigie.console.store.jdbc;

import static io.vigie.console.store.jdbc.Jdbc.instant;
import static io.vigie.console.store.jdbc.Jdbc.list;
import static io.vigie.console.store.jdbc.Jdbc.one;
import static io.vigie.console.store.jdbc.Jdbc.update;
import static io.vigie.console.store.jdbc.Jdbc.uuid;

import io.vigie.console.store.IssuedSecret;
import io.vigie.console.store.Role;
import io.vigie.console.store.Scope;
import io.vigie.console.store.Secrets;
import io.vigie.console.store.StoreException;
import io.vigie.console.store.StoreException.Kind;
import io.vigie.console.store.UserAccount;
import io.vigie.console.store.WebStore;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link WebStore} on the same database as the other stores of {@link JdbcStore} (tables from {@code V2__web.sql}). Portable SQL
 * only. Writes are short single transactions through the {@link Jdbc} kernel (on SQLite, in its writer queue).
 */
public final class JdbcWebStore implements WebStore {

    private static final String USER_COLUMNS = "u.id, u.provider_id, u.organisation_id, u.email, u.role, u.created_at";

    private final Jdbc jdbc;

    JdbcWebStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    // ------------------------------------------------------------------ sessions

    @Override
    public NewWebSession createWebSession(UUID userId, Instant now, Duration ttl) {
        String secret = Secrets.newSecret();
        String csrf = Secrets.newSecret();
        Instant expires = now.plus(ttl);
        jdbc.tx(c -> update(c, "INSERT INTO sessions (id_hash, user_id, created_at, expires_at, csrf_token) VALUES (?, ?, ?, ?, ?)",
                Secrets.sha256(secret), userId, now, expires, csrf));
        return new NewWebSession(secret, csrf, expires);
    }

    @Override
    public Optional<WebSession> findWebSession(String secret, Instant now) {
        if (secret == null || secret.isEmpty() || secret.length() > 100) {
            return Optional.empty();
        }
        return jdbc.read(c -> one(c, "SELECT " + USER_COLUMNS + ", s.csrf_token, u.lang, s.expires_at "
                + "FROM sessions s JOIN users u ON u.id = s.user_id "
                + "WHERE s.id_hash = ? AND s.expires_at > ? AND u.disabled_at IS NULL AND s.csrf_token IS NOT NULL",
                rs -> {
                    UserAccount u = JdbcAccountStore.user(rs);
                    return new WebSession(u.scope(), u.email(), rs.getString(7), rs.getString(8),
                            Instant.ofEpochMilli(rs.getLong(9)));
                }, Secrets.sha256(secret), now));
    }

    @Override
    public void deleteWebSession(String secret) {
        jdbc.tx(c -> update(c, "DELETE FROM sessions WHERE id_hash = ?", Secrets.sha256(secret)));
    }

    @Override
    public int purgeExpiredSessions(Instant now) {
        return jdbc.tx(c -> update(c, "DELETE FROM sessions WHERE expires_at <= ?", now));
    }

    @Override
    public void setLanguage(UUID userId, String lang) {
        jdbc.tx(c -> update(c, "UPDATE users SET lang = ? WHERE id = ?", lang, userId));
    }

    @Override
    public void setPassword(UUID userId, String passwordHash) {
        int n = jdbc.tx(c -> update(c, "UPDATE users SET password_hash = ? WHERE id = ?", passwordHash, userId));
        if (n == 0) {
            throw StoreException.notFound("user");
        }
    }

    // ------------------------------------------------------------------ tokens and users

    @Override
    public List<ApiTokenInfo> apiTokens(Scope scope) {
        return jdbc.read(c -> list(c, "SELECT id, label, created_at, revoked_at FROM api_tokens WHERE user_id = ? "
                + "ORDER BY created_at DESC, id", rs -> new ApiTokenInfo(UUID.fromString(rs.getString(1)), rs.getString(2),
                instant(rs, 3), instant(rs, 4)), scope.userId()));
    }

    @Override
    public List<UserAccount> users(Scope scope) {
        requireAdmin(scope);
        return jdbc.read(c -> list(c, "SELECT " + USER_COLUMNS + " FROM users u WHERE u.provider_id = ? AND u.disabled_at IS NULL "
                + "ORDER BY u.email", JdbcAccountStore::user, scope.providerId()));
    }

    // ------------------------------------------------------------------ invitations

    @Override
    public IssuedSecret createInvitation(Scope scope, String email, Role role, UUID organisationId, Instant now,
                                         Duration lifetime) {
        requireAdmin(scope);
        String mail = email(email);
        if ((role == Role.CUSTOMER_VIEWER) != (organisationId != null)) {
            throw new StoreException(Kind.INVALID, "role_organisation",
                    "a customer viewer, and only a customer viewer, belongs to one organisation");
        }
        String token = Secrets.newSecret();
        UUID id = UUID.randomUUID();
        Instant expires = now.plus(lifetime);
        jdbc.tx(c -> {
            if (organisationId != null && one(c, "SELECT id FROM organisations WHERE id = ? AND provider_id = ?",
                    rs -> 1, organisationId, scope.providerId()).isEmpty()) {
                throw StoreException.notFound("organisation");
            }
            if (one(c, "SELECT id FROM users WHERE email = ?", rs -> 1, mail).isPresent()) {
                throw new StoreException(Kind.CONFLICT, "email_taken", "a user with this email already exists");
            }
            return update(c, "INSERT INTO invitations (id, token_hash, provider_id, organisation_id, email, role, created_by, "
                    + "created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", id, Secrets.sha256(token),
                    scope.providerId(), organisationId, mail, role.name(), scope.userId(), now, expires);
        });
        return new IssuedSecret(id, token, expires);
    }

    @Override
    public Optional<Invitation> invitation(String token, Instant now) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.read(c -> one(c, "SELECT id, provider_id, organisation_id, email, role, expires_at FROM invitations "
                + "WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?", rs -> new Invitation(
                UUID.fromString(rs.getString(1)), UUID.fromString(rs.getString(2)), uuid(rs, 3), rs.getString(4),
                Role.valueOf(rs.getString(5)), instant(rs, 6)), Secrets.sha256(token), now));
    }

    @Override
    public UserAccount acceptInvitation(String token, String passwordHash, Instant now) {
        return jdbc.tx(c -> {
            Invitation inv = one(c, "SELECT id, provider_id, organisation_id, email, role, expires_at FROM invitations "
                    + "WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?", rs -> new Invitation(
                    UUID.fromString(rs.getString(1)), UUID.fromString(rs.getString(2)), uuid(rs, 3), rs.getString(4),
                    Role.valueOf(rs.getString(5)), instant(rs, 6)), Secrets.sha256(token), now)
                    .orElseThrow(() -> StoreException.notFound("invitation"));
            if (one(c, "SELECT id FROM users WHERE email = ?", rs -> 1, inv.email()).isPresent()) {
                throw new StoreException(Kind.CONFLICT, "email_taken", "a user with this email already exists");
            }
            UUID id = UUID.randomUUID();
            update(c, "INSERT INTO users (id, provider_id, organisation_id, email, password_hash, role, created_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?)", id, inv.providerId(), inv.organisationId(), inv.email(), passwordHash,
                    inv.role().name(), now);
            update(c, "UPDATE invitations SET used_at = ? WHERE id = ?", now, inv.id());
            return new UserAccount(id, inv.providerId(), inv.organisationId(), inv.email(), inv.role(), now);
        });
    }

    // ------------------------------------------------------------------ password resets

    @Override
    public IssuedSecret createPasswordReset(Scope scope, UUID userId, Instant now, Duration lifetime) {
        requireAdmin(scope);
        String token = Secrets.newSecret();
        UUID id = UUID.randomUUID();
        Instant expires = now.plus(lifetime);
        jdbc.tx(c -> {
            if (one(c, "SELECT id FROM users WHERE id = ? AND provider_id = ? AND disabled_at IS NULL", rs -> 1, userId,
                    scope.providerId()).isEmpty()) {
                throw StoreException.notFound("user");
            }
            return update(c, "INSERT INTO password_resets (id, token_hash, user_id, created_by, created_at, expires_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?)", id, Secrets.sha256(token), userId, scope.userId(), now, expires);
        });
        return new IssuedSecret(id, token, expires);
    }

    @Override
    public Optional<String> passwordReset(String token, Instant now) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.read(c -> one(c, "SELECT u.email FROM password_resets r JOIN users u ON u.id = r.user_id "
                + "WHERE r.token_hash = ? AND r.used_at IS NULL AND r.expires_at > ? AND u.disabled_at IS NULL",
                rs -> rs.getString(1), Secrets.sha256(token), now));
    }

    @Override
    public void resetPassword(String token, String passwordHash, Instant now) {
        jdbc.tx(c -> {
            String[] row = one(c, "SELECT r.id, r.user_id FROM password_resets r JOIN users u ON u.id = r.user_id "
                    + "WHERE r.token_hash = ? AND r.used_at IS NULL AND r.expires_at > ? AND u.disabled_at IS NULL",
                    rs -> new String[] {rs.getString(1), rs.getString(2)}, Secrets.sha256(token), now)
                    .orElseThrow(() -> StoreException.notFound("reset link"));
            update(c, "UPDATE password_resets SET used_at = ? WHERE id = ?", now, row[0]);
            update(c, "UPDATE users SET password_hash = ? WHERE id = ?", passwordHash, row[1]);
            // whoever knew the old password is logged out everywhere, and the API tokens that password could have
            // minted (POST /api/v1/tokens) stop working
            update(c, "UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL", now, row[1]);
            return update(c, "DELETE FROM sessions WHERE user_id = ?", row[1]);
        });
    }

    // ------------------------------------------------------------------ settings

    @Override
    public Duration throttleWait(String bucket, Instant now, Duration window) {
        return jdbc.read(c -> one(c, "SELECT window_start FROM throttle WHERE bucket = ?", rs -> rs.getLong(1), bucket)
                .map(start -> Duration.ofMillis(start + window.toMillis() - now.toEpochMilli()))
                .filter(d -> !d.isNegative()).orElse(Duration.ZERO));
    }

    @Override
    public int silentAfterDays(Scope scope) {
        return jdbc.read(c -> one(c, "SELECT silent_after_days FROM provider_settings WHERE provider_id = ?",
                rs -> rs.getInt(1), scope.providerId()).orElse(DEFAULT_SILENT_AFTER_DAYS));
    }

    @Override
    public void setSilentAfterDays(Scope scope, int days) {
        requireAdmin(scope);
        if (days < 1 || days > 365) {
            throw new StoreException(Kind.INVALID, "silent_days", "between 1 and 365 days");
        }
        jdbc.tx(c -> update(c, "INSERT INTO provider_settings (provider_id, silent_after_days) VALUES (?, ?) "
                + "ON CONFLICT (provider_id) DO UPDATE SET silent_after_days = excluded.silent_after_days",
                scope.providerId(), days));
    }

    // ------------------------------------------------------------------ helpers

    private static void requireAdmin(Scope scope) {
        if (scope.role() != Role.PROVIDER_ADMIN) {
            throw new StoreException(Kind.FORBIDDEN, "role_forbidden", "only a provider admin may do this");
        }
    }

    private static String email(String email) {
        String m = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        if (m.length() < 3 || m.length() > 320 || m.indexOf('@') < 1 || m.chars().anyMatch(Character::isWhitespace)) {
            throw new StoreException(Kind.INVALID, "bad_email", "not an email address");
        }
        return m;
    }

}
