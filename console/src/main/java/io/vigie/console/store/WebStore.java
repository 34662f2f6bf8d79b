package io.vigie.console.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the web pages keep besides {@link Store}: browser sessions with their CSRF token, the user's language,
 * one-time links (invitations, password resets), API token listings and per-provider settings.
 *
 * <p>Same rules as {@link Store}: scoped methods add the tenant predicate and answer "not found" outside the
 * caller's tenant; a role that may not change something gets {@link StoreException.Kind#FORBIDDEN}. Secrets
 * (session ids, link tokens) are kept as SHA-256 only. Calls block: never on an event loop.
 */
public interface WebStore {

    /** Default of the "device silent for too long" threshold. */
    int DEFAULT_SILENT_AFTER_DAYS = 7;

    /** A live browser session: who, its CSRF token, the user's language (null: not chosen). */
    record WebSession(Scope scope, String email, String csrfToken, String lang, Instant expiresAt) {
    }

    /** A new session: the cookie value (the only time it exists in clear) and its CSRF token. */
    record NewWebSession(String secret, String csrfToken, Instant expiresAt) {
    }

    /** A personal API token as listed (never its secret). */
    record ApiTokenInfo(UUID id, String label, Instant createdAt, Instant revokedAt) {
    }

    /** An invitation still usable. */
    record Invitation(UUID id, UUID providerId, UUID organisationId, String email, Role role, Instant expiresAt) {
    }

    NewWebSession createWebSession(UUID userId, Instant now, Duration ttl);

    /** The session behind a cookie value, when unexpired and its user active. */
    Optional<WebSession> findWebSession(String secret, Instant now);

    void deleteWebSession(String secret);

    /** Deletes sessions that expired before {@code now}; returns how many. */
    int purgeExpiredSessions(Instant now);

    void setLanguage(UUID userId, String lang);

    /** Sets a user's password (command line, demo): not scoped. */
    void setPassword(UUID userId, String passwordHash);

    /** The caller's own API tokens, newest first. */
    List<ApiTokenInfo> apiTokens(Scope scope);

    /** Users of the caller's provider (provider admin only). */
    List<UserAccount> users(Scope scope);

    /**
     * A one-time link to create an account (provider admin only). A customer viewer needs an organisation of the
     * provider; staff roles none.
     */
    IssuedSecret createInvitation(Scope scope, String email, Role role, UUID organisationId, Instant now, Duration lifetime);

    Optional<Invitation> invitation(String token, Instant now);

    /** Creates the invited account with its password and uses up the link. */
    UserAccount acceptInvitation(String token, String passwordHash, Instant now);

    /** A one-time password-reset link for a user of the caller's provider (provider admin only). */
    IssuedSecret createPasswordReset(Scope scope, UUID userId, Instant now, Duration lifetime);

    /** The email of the account a reset link is for, while usable. */
    Optional<String> passwordReset(String token, Instant now);

    /** Sets the new password, uses up the link and ends the user's sessions. */
    void resetPassword(String token, String passwordHash, Instant now);

    /** How long until the fixed window of a throttling bucket ends (zero when no window is open). */
    Duration throttleWait(String bucket, Instant now, Duration window);

    /** Days without a report after which a device is shown as silent, for the caller's provider. */
    int silentAfterDays(Scope scope);

    /** Provider admin only; 1 to 365 days. */
    void setSilentAfterDays(Scope scope, int days);
}
