package io.vigie.console.store;

import io.vigie.checks.report.Finding;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Everything the console keeps. Console instances hold no state of their own: sessions, throttling counters and
 * enrollment codes live here, so several instances can share one database.
 *
 * <p>Tenancy is enforced here: every method reading or changing tenant data takes a {@link Scope} (a user) or a
 * {@link DeviceIdentity} (an agent) and adds the tenant predicate to its SQL. Something outside the caller's
 * tenant is reported as absent ({@link Optional#empty()} or {@link StoreException.Kind#NOT_FOUND}), never as
 * forbidden, so ids of other tenants cannot be probed.
 *
 * <p>A refused change throws {@link StoreException} and leaves every table as it was (one transaction).
 * Calls block (JDBC): never call them on a Vert.x event loop. Implementations are safe for concurrent use.
 */
public interface Store extends AutoCloseable {

    // ---- administration (command line, demo): not scoped ----

    /** The provider with this name, created when absent. */
    UUID ensureProvider(String name, Instant now);

    /** Creates a user; {@code organisationId} only for a {@link Role#CUSTOMER_VIEWER}, inside the provider. */
    UserAccount createUser(UUID providerId, UUID organisationId, String email, String passwordHash, Role role, Instant now);

    Optional<LoginCandidate> findLogin(String email);

    /** A page of reports in id order after {@code afterId} (null: from the start), for re-judging. */
    List<ReportToJudge> reportsToJudge(UUID afterId, int limit);

    /** Adds a console verdict set to a report (re-judging keeps the older sets as history). */
    void addConsoleVerdicts(UUID reportId, String catalogueVersion, Instant judgedAt, List<Finding> findings);

    /** Deletes reports received before {@code cutoff} (retention); returns how many. */
    int purgeReportsReceivedBefore(Instant cutoff);

    /** Row count of every table, by table name (health, tests, diagnostics). */
    Map<String, Long> rowCounts();

    /** A cheap round trip to the database. */
    void ping();

    // ---- users: tokens, sessions, throttling ----

    /** A new API token for the calling user. */
    IssuedSecret createApiToken(Scope scope, String label, Instant now);

    /** The user behind a valid, unrevoked API token of an active user. */
    Optional<Scope> authenticateApiToken(String token);

    /** Revokes one of the caller's tokens (a provider admin may revoke any token of the provider's users). */
    void revokeApiToken(Scope scope, UUID tokenId, Instant now);

    IssuedSecret createSession(UUID userId, Instant now, Duration ttl);

    Optional<Scope> findSession(String sessionSecret, Instant now);

    void deleteSession(String sessionSecret);

    /**
     * Counts one attempt in a fixed window shared by every console instance; returns the attempts counted in the
     * current window, this one included.
     */
    int hit(String bucket, Instant now, Duration window);

    /** Attempts counted in the current window of {@code bucket}, without counting one. */
    int hits(String bucket, Instant now, Duration window);

    // ---- organisations ----

    Organisation createOrganisation(Scope scope, String name, Instant now);

    List<Organisation> organisations(Scope scope);

    Optional<Organisation> organisation(Scope scope, UUID organisationId);

    // ---- enrollment and devices ----

    /** A one-time code that enrolls one device into the organisation until it expires. */
    IssuedSecret createEnrollmentCode(Scope scope, UUID organisationId, Instant now, Duration lifetime);

    /**
     * Uses a code: binds {@code deviceId} to the code's organisation and issues a new device secret. A device
     * already enrolled in the same organisation gets a new secret (re-installation); one enrolled elsewhere is
     * refused.
     */
    Enrolled enroll(String code, UUID deviceId, String hostname, String platform, Instant now);

    /**
     * The device behind a credential.
     *
     * @throws StoreException UNAUTHORIZED ({@code unknown_device}, {@code bad_credential}, {@code device_revoked})
     */
    DeviceIdentity authenticateDevice(UUID deviceId, String secret);

    List<Device> devices(Scope scope, UUID organisationId);

    Optional<Device> device(Scope scope, UUID deviceId);

    void revokeDevice(Scope scope, UUID deviceId, Instant now);

    // ---- reports ----

    /**
     * Stores a report of the authenticated device with both verdict sets, idempotent on the report id.
     *
     * @throws StoreException FORBIDDEN when the report names another device, CONFLICT when its id is taken by
     *                        another device's report
     */
    IngestResult storeReport(DeviceIdentity device, NewReport report, Instant now);

    /** Reports of one device, newest first. */
    List<ReportSummary> reports(Scope scope, UUID deviceId, int limit);

    Optional<StoredReport> report(Scope scope, UUID reportId);

    /** The newest console verdict set of a report. */
    Optional<VerdictSet> consoleVerdicts(Scope scope, UUID reportId);

    /**
     * Every report of the organisation's devices finished (or, without a finish time, received) from {@code from}
     * to {@code to} inclusive, oldest first, each with the findings of its newest console verdict set: the timeline
     * the diagnostic's measured answers and the plan's proofs are read from. One query.
     */
    List<ReportFindings> reportFindings(Scope scope, UUID organisationId, Instant from, Instant to);

    /** The agent's own verdicts on a report (audit). */
    Optional<VerdictSet> agentVerdicts(Scope scope, UUID reportId);

    @Override
    void close();
}
