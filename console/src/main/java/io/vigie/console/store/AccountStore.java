package io.vigie.console.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Providers, users, API tokens and the throttling counters shared by every console instance. Same rules as
 * {@link Store}: a refused change throws {@link StoreException} and changes nothing; calls block.
 */
public interface AccountStore {

    // ---- administration (command line, demo): not scoped ----

    /** The provider with this name, created when absent. */
    UUID ensureProvider(String name, Instant now);

    /** Creates a user; {@code organisationId} only for a {@link Role#CUSTOMER_VIEWER}, inside the provider. */
    UserAccount createUser(UUID providerId, UUID organisationId, String email, String passwordHash, Role role, Instant now);

    Optional<LoginCandidate> findLogin(String email);

    // ---- API tokens ----

    /** A new API token for the calling user. */
    IssuedSecret createApiToken(Scope scope, String label, Instant now);

    /** The user behind a valid, unrevoked API token of an active user. */
    Optional<Scope> authenticateApiToken(String token);

    /** Revokes one of the caller's tokens (a provider admin may revoke any token of the provider's users). */
    void revokeApiToken(Scope scope, UUID tokenId, Instant now);

    // ---- throttling ----

    /** The throttle bucket of an account's password attempts is this prefix + its normalised e-mail. */
    String LOGIN_BUCKET = "login:";

    /**
     * Counts one attempt in a fixed window shared by every console instance; returns the attempts counted in the
     * current window, this one included.
     */
    int hit(String bucket, Instant now, Duration window);

    /** Attempts counted in the current window of {@code bucket}, without counting one. */
    int hits(String bucket, Instant now, Duration window);

    /** Gives one counted attempt back (a password that matched); never below zero. */
    void unhit(String bucket);

    /**
     * A provider admin lifts the password lockout of one of the provider's users (clears the account's counter);
     * audited as {@code account_unlocked}.
     *
     * @throws StoreException NOT_FOUND outside the caller's provider, FORBIDDEN unless provider admin
     */
    void unlockAccount(Scope admin, UUID userId, Instant now);

    /** Whether the account's password attempts are at or over {@code limit} in the current window. */
    boolean locked(UUID userId, Instant now, Duration window, int limit);

    /**
     * One row of the security audit log.
     *
     * @param providerId the tenant that may read it (null when the subject belongs to none, e.g. an unknown e-mail)
     * @param actorId    null when the console itself acted (a lockout)
     */
    void recordSecurityEvent(Instant now, UUID providerId, UUID actorId, String action, String subject);
}
