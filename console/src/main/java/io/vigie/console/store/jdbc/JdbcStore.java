package io.vigie.console.store.jdbc;

import static io.vigie.console.store.jdbc.Sql.list;
import static io.vigie.console.store.jdbc.Sql.one;
import static io.vigie.console.store.jdbc.Sql.update;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.vigie.checks.json.Json;
import io.vigie.checks.report.Finding;
import io.vigie.checks.report.Verdict;
import io.vigie.console.store.Device;
import io.vigie.console.store.DeviceIdentity;
import io.vigie.console.store.Enrolled;
import io.vigie.console.store.ReportFindings;
import io.vigie.console.store.IngestResult;
import io.vigie.console.store.IssuedSecret;
import io.vigie.console.store.LoginCandidate;
import io.vigie.console.store.NewReport;
import io.vigie.console.store.Organisation;
import io.vigie.console.store.ReportSummary;
import io.vigie.console.store.ReportToJudge;
import io.vigie.console.store.Role;
import io.vigie.console.store.Scope;
import io.vigie.console.store.Secrets;
import io.vigie.console.store.Store;
import io.vigie.console.store.StoreException;
import io.vigie.console.store.StoreException.Kind;
import io.vigie.console.store.StoredReport;
import io.vigie.console.store.UserAccount;
import io.vigie.console.store.VerdictSet;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@link Store} on JDBC, one implementation for SQLite and PostgreSQL (portable SQL only: {@code INSERT … ON
 * CONFLICT} exists in both). Tenant predicates are built by {@link #tenant} and joined on {@code organisations o}.
 */
public final class JdbcStore implements Store {

    /** Every table, in an order safe for deletion (children first). */
    public static final List<String> TABLES = List.of("verdict_sets", "reports", "devices", "enrollment_codes",
            "throttle", "sessions", "api_tokens", "users", "organisations", "providers");

    private static final TypeReference<List<Finding>> FINDINGS = new TypeReference<>() { };
    private static final String TOKEN_PREFIX = "vgt_";

    private final Database database;
    private final DataSource ds;
    /**
     * SQLite has one writer at a time. Waiting for the write lock inside SQLite means its busy handler sleeping
     * in growing steps (up to 100 ms), which wastes the lock while it is free; queueing writers here, fairly,
     * hands it over at once. Null for PostgreSQL (row locks, concurrent writers).
     */
    private final ReentrantLock sqliteWriter;

    public JdbcStore(Database database) {
        this.database = database;
        this.ds = database.dataSource();
        this.sqliteWriter = database.vendor() == Database.Vendor.SQLITE ? new ReentrantLock(true) : null;
        // SQLite has one writer: one lane. PostgreSQL writes concurrently: a lane per two pooled connections.
        int lanes = sqliteWriter != null ? 1 : Math.max(1, database.poolSize() / 2);
        this.lanes = new Lane[lanes];
        for (int i = 0; i < lanes; i++) {
            this.lanes[i] = new Lane();
        }
    }

    private final Lane[] lanes;

    public Database database() {
        return database;
    }

    // ------------------------------------------------------------------ administration

    @Override
    public UUID ensureProvider(String name, Instant now) {
        String n = requireText(name, "provider name", 200);
        return tx(c -> {
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
        return tx(c -> {
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
        return read(c -> one(c, "SELECT id, provider_id, organisation_id, email, role, created_at, password_hash "
                + "FROM users WHERE email = ? AND disabled_at IS NULL",
                rs -> new LoginCandidate(user(rs), rs.getString(7)), mail));
    }

    @Override
    public List<ReportToJudge> reportsToJudge(UUID afterId, int limit) {
        String latest = "(SELECT v.catalogue_version FROM verdict_sets v WHERE v.report_id = r.id AND v.judged_by = 'console' "
                + "ORDER BY v.judged_at DESC, v.id DESC LIMIT 1)";
        return read(c -> afterId == null
                ? list(c, "SELECT r.id, r.body, " + latest + " FROM reports r ORDER BY r.id LIMIT ?",
                    rs -> new ReportToJudge(uuid(rs, 1), rs.getString(2), rs.getString(3)), limit)
                : list(c, "SELECT r.id, r.body, " + latest + " FROM reports r WHERE r.id > ? ORDER BY r.id LIMIT ?",
                    rs -> new ReportToJudge(uuid(rs, 1), rs.getString(2), rs.getString(3)), afterId, limit));
    }

    @Override
    public void addConsoleVerdicts(UUID reportId, String catalogueVersion, Instant judgedAt, List<Finding> findings) {
        tx(c -> {
            if (one(c, "SELECT id FROM reports WHERE id = ?", rs -> 1, reportId).isEmpty()) {
                throw StoreException.notFound("report");
            }
            // "newest" is by judged_at: keep it strictly increasing per report even with equal or skewed clocks
            long latest = one(c, "SELECT MAX(judged_at) FROM verdict_sets WHERE report_id = ? AND judged_by = 'console'",
                    rs -> rs.getLong(1), reportId).orElse(0L);
            Instant at = judgedAt.toEpochMilli() > latest ? judgedAt : Instant.ofEpochMilli(latest + 1);
            insertVerdicts(c, reportId, VerdictSet.CONSOLE, catalogueVersion, at, findings);
            return null;
        });
    }

    @Override
    public int purgeReportsReceivedBefore(Instant cutoff) {
        return tx(c -> {
            update(c, "DELETE FROM verdict_sets WHERE report_id IN (SELECT id FROM reports WHERE received_at < ?)", cutoff);
            return update(c, "DELETE FROM reports WHERE received_at < ?", cutoff);
        });
    }

    @Override
    public Map<String, Long> rowCounts() {
        return read(c -> {
            Map<String, Long> m = new LinkedHashMap<>();
            for (String t : TABLES) {
                m.put(t, one(c, "SELECT COUNT(*) FROM " + t, rs -> rs.getLong(1)).orElseThrow());
            }
            return m;
        });
    }

    @Override
    public void ping() {
        read(c -> one(c, "SELECT 1", rs -> rs.getInt(1)));
    }

    // ------------------------------------------------------------------ tokens, sessions, throttling

    @Override
    public IssuedSecret createApiToken(Scope scope, String label, Instant now) {
        String token = TOKEN_PREFIX + Secrets.newSecret();
        UUID id = UUID.randomUUID();
        String l = label == null ? null : requireText(label, "label", 200);
        tx(c -> update(c, "INSERT INTO api_tokens (id, user_id, token_hash, label, created_at) VALUES (?, ?, ?, ?, ?)",
                id, scope.userId(), Secrets.sha256(token), l, now));
        return new IssuedSecret(id, token, null);
    }

    @Override
    public Optional<Scope> authenticateApiToken(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX)) {
            return Optional.empty();
        }
        return read(c -> one(c, "SELECT u.id, u.provider_id, u.organisation_id, u.email, u.role, u.created_at "
                + "FROM api_tokens t JOIN users u ON u.id = t.user_id "
                + "WHERE t.token_hash = ? AND t.revoked_at IS NULL AND u.disabled_at IS NULL",
                rs -> user(rs).scope(), Secrets.sha256(token)));
    }

    @Override
    public void revokeApiToken(Scope scope, UUID tokenId, Instant now) {
        int n = tx(c -> scope.role() == Role.PROVIDER_ADMIN
                ? update(c, "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL "
                        + "AND user_id IN (SELECT u.id FROM users u WHERE u.provider_id = ?)", now, tokenId, scope.providerId())
                : update(c, "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL AND user_id = ?",
                        now, tokenId, scope.userId()));
        if (n == 0) {
            throw StoreException.notFound("token");
        }
    }

    @Override
    public IssuedSecret createSession(UUID userId, Instant now, Duration ttl) {
        String secret = Secrets.newSecret();
        Instant expires = now.plus(ttl);
        tx(c -> update(c, "INSERT INTO sessions (id_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                Secrets.sha256(secret), userId, now, expires));
        return new IssuedSecret(null, secret, expires);
    }

    @Override
    public Optional<Scope> findSession(String sessionSecret, Instant now) {
        return read(c -> one(c, "SELECT u.id, u.provider_id, u.organisation_id, u.email, u.role, u.created_at "
                + "FROM sessions s JOIN users u ON u.id = s.user_id "
                + "WHERE s.id_hash = ? AND s.expires_at > ? AND u.disabled_at IS NULL",
                rs -> user(rs).scope(), Secrets.sha256(sessionSecret), now));
    }

    @Override
    public void deleteSession(String sessionSecret) {
        tx(c -> update(c, "DELETE FROM sessions WHERE id_hash = ?", Secrets.sha256(sessionSecret)));
    }

    @Override
    public int hit(String bucket, Instant now, Duration window) {
        Instant staleBefore = now.minus(window);
        return tx(c -> {
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
        return read(c -> one(c, "SELECT window_start, hits FROM throttle WHERE bucket = ?",
                rs -> rs.getLong(1) <= staleBefore ? 0 : rs.getInt(2), bucket).orElse(0));
    }

    // ------------------------------------------------------------------ organisations

    @Override
    public Organisation createOrganisation(Scope scope, String name, Instant now) {
        requireManager(scope);
        String n = requireText(name, "organisation name", 200);
        return tx(c -> {
            if (one(c, "SELECT id FROM organisations WHERE provider_id = ? AND name = ?", rs -> 1, scope.providerId(), n)
                    .isPresent()) {
                throw new StoreException(Kind.CONFLICT, "organisation_exists", "an organisation with this name already exists");
            }
            UUID id = UUID.randomUUID();
            update(c, "INSERT INTO organisations (id, provider_id, name, created_at) VALUES (?, ?, ?, ?)",
                    id, scope.providerId(), n, now);
            return new Organisation(id, scope.providerId(), n, now);
        });
    }

    @Override
    public List<Organisation> organisations(Scope scope) {
        List<Object> p = new ArrayList<>();
        String where = tenant(scope, p);
        return read(c -> list(c, "SELECT o.id, o.provider_id, o.name, o.created_at FROM organisations o WHERE " + where
                + " ORDER BY o.name", JdbcStore::organisation, p.toArray()));
    }

    @Override
    public Optional<Organisation> organisation(Scope scope, UUID organisationId) {
        return read(c -> findOrganisation(c, scope, organisationId));
    }

    private static Optional<Organisation> findOrganisation(Connection c, Scope scope, UUID organisationId) throws SQLException {
        List<Object> p = new ArrayList<>();
        p.add(organisationId);
        String where = tenant(scope, p);
        return one(c, "SELECT o.id, o.provider_id, o.name, o.created_at FROM organisations o WHERE o.id = ? AND " + where,
                JdbcStore::organisation, p.toArray());
    }

    // ------------------------------------------------------------------ enrollment and devices

    @Override
    public IssuedSecret createEnrollmentCode(Scope scope, UUID organisationId, Instant now, Duration lifetime) {
        requireManager(scope);
        String code = Secrets.newEnrollmentCode();
        UUID id = UUID.randomUUID();
        Instant expires = now.plus(lifetime);
        tx(c -> {
            if (findOrganisation(c, scope, organisationId).isEmpty()) {
                throw StoreException.notFound("organisation");
            }
            return update(c, "INSERT INTO enrollment_codes (id, code_hash, organisation_id, created_by, created_at, expires_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?)", id, Secrets.sha256(Secrets.normaliseCode(code)), organisationId,
                    scope.userId(), now, expires);
        });
        return new IssuedSecret(id, code, expires);
    }

    private record CodeRow(UUID id, UUID organisationId, UUID providerId, Instant expiresAt, Instant usedAt) {
    }

    @Override
    public Enrolled enroll(String code, UUID deviceId, String hostname, String platform, Instant now) {
        String hash = Secrets.sha256(Secrets.normaliseCode(code == null ? "" : code));
        String secret = Secrets.newSecret();
        return tx(c -> {
            CodeRow row = one(c, "SELECT e.id, e.organisation_id, o.provider_id, e.expires_at, e.used_at "
                    + "FROM enrollment_codes e JOIN organisations o ON o.id = e.organisation_id WHERE e.code_hash = ?",
                    rs -> new CodeRow(uuid(rs, 1), uuid(rs, 2), uuid(rs, 3), instant(rs, 4), instant(rs, 5)), hash)
                    .orElseThrow(() -> new StoreException(Kind.UNAUTHORIZED, "unknown_code",
                            "this enrollment code does not exist"));
            if (row.usedAt() != null) {
                throw new StoreException(Kind.GONE, "code_used", "this enrollment code has already been used");
            }
            if (!row.expiresAt().isAfter(now)) {
                throw new StoreException(Kind.GONE, "code_expired", "this enrollment code has expired");
            }
            // Conditional update: of two concurrent uses of one code (even on two console instances) one wins.
            if (update(c, "UPDATE enrollment_codes SET used_at = ?, device_id = ? WHERE id = ? AND used_at IS NULL",
                    now, deviceId, row.id()) != 1) {
                throw new StoreException(Kind.GONE, "code_used", "this enrollment code has already been used");
            }
            Optional<UUID> existingOrg = one(c, "SELECT organisation_id FROM devices WHERE id = ?", rs -> uuid(rs, 1), deviceId);
            if (existingOrg.isPresent() && !existingOrg.get().equals(row.organisationId())) {
                throw new StoreException(Kind.CONFLICT, "device_enrolled_elsewhere",
                        "this device is enrolled in another organisation");
            }
            String secretHash = Secrets.sha256(secret);
            if (existingOrg.isPresent()) {
                update(c, "UPDATE devices SET secret_hash = ?, hostname = ?, platform = ?, revoked_at = NULL WHERE id = ?",
                        secretHash, hostname, platform, deviceId);
            } else {
                update(c, "INSERT INTO devices (id, organisation_id, secret_hash, hostname, platform, enrolled_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)", deviceId, row.organisationId(), secretHash, hostname, platform, now);
            }
            return new Enrolled(new DeviceIdentity(deviceId, row.organisationId(), row.providerId()), secret);
        });
    }

    private record DeviceCredential(String secretHash, Instant revokedAt, UUID organisationId, UUID providerId) {
    }

    @Override
    public DeviceIdentity authenticateDevice(UUID deviceId, String secret) {
        DeviceCredential cred = read(c -> one(c, "SELECT d.secret_hash, d.revoked_at, d.organisation_id, o.provider_id "
                + "FROM devices d JOIN organisations o ON o.id = d.organisation_id WHERE d.id = ?",
                rs -> new DeviceCredential(rs.getString(1), instant(rs, 2), uuid(rs, 3), uuid(rs, 4)), deviceId))
                .orElseThrow(() -> new StoreException(Kind.UNAUTHORIZED, "unknown_device", "this device is not enrolled"));
        if (!Secrets.sameHash(Secrets.sha256(secret == null ? "" : secret), cred.secretHash())) {
            throw new StoreException(Kind.UNAUTHORIZED, "bad_credential", "the device credential is wrong");
        }
        if (cred.revokedAt() != null) {
            throw new StoreException(Kind.UNAUTHORIZED, "device_revoked", "this device has been revoked");
        }
        return new DeviceIdentity(deviceId, cred.organisationId(), cred.providerId());
    }

    private static final String DEVICE_COLUMNS =
            "d.id, d.organisation_id, d.hostname, d.platform, d.enrolled_at, d.last_seen_at, d.revoked_at";

    @Override
    public List<Device> devices(Scope scope, UUID organisationId) {
        return read(c -> {
            if (findOrganisation(c, scope, organisationId).isEmpty()) {
                throw StoreException.notFound("organisation");
            }
            List<Object> p = new ArrayList<>();
            p.add(organisationId);
            String where = tenant(scope, p);
            return list(c, "SELECT " + DEVICE_COLUMNS + " FROM devices d JOIN organisations o ON o.id = d.organisation_id "
                    + "WHERE d.organisation_id = ? AND " + where + " ORDER BY d.hostname, d.id", JdbcStore::device, p.toArray());
        });
    }

    @Override
    public Optional<Device> device(Scope scope, UUID deviceId) {
        return read(c -> findDevice(c, scope, deviceId));
    }

    private static Optional<Device> findDevice(Connection c, Scope scope, UUID deviceId) throws SQLException {
        List<Object> p = new ArrayList<>();
        p.add(deviceId);
        String where = tenant(scope, p);
        return one(c, "SELECT " + DEVICE_COLUMNS + " FROM devices d JOIN organisations o ON o.id = d.organisation_id "
                + "WHERE d.id = ? AND " + where, JdbcStore::device, p.toArray());
    }

    @Override
    public void revokeDevice(Scope scope, UUID deviceId, Instant now) {
        requireManager(scope);
        tx(c -> {
            Device d = findDevice(c, scope, deviceId).orElseThrow(() -> StoreException.notFound("device"));
            if (d.revokedAt() == null) {
                update(c, "UPDATE devices SET revoked_at = ? WHERE id = ?", now, deviceId);
            }
            return null;
        });
    }

    // ------------------------------------------------------------------ reports

    /** A report waiting for the next group commit. */
    private static final class Pending {
        final DeviceIdentity device;
        final NewReport report;
        final Instant now;
        volatile boolean done;
        IngestResult result;
        RuntimeException failure;

        Pending(DeviceIdentity device, NewReport report, Instant now) {
            this.device = device;
            this.report = report;
            this.now = now;
        }
    }

    private static final int MAX_BATCH = 64;

    /** One group-commit lane: a queue and the lock of whoever writes it. */
    private static final class Lane {
        final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
        final ReentrantLock leader = new ReentrantLock();
    }

    private final AtomicLong nextLane = new AtomicLong();

    /**
     * Group commit: the caller queues its report in a lane; whoever holds the lane's lock writes every queued report in one
     * transaction (one fsync for up to {@value #MAX_BATCH} reports) and hands each caller its own result. A report
     * refused for its own reason (id taken by another device) does not affect the others of its batch; if the
     * batch fails as a whole, each report is retried alone so that one bad report fails only itself.
     */
    @Override
    public IngestResult storeReport(DeviceIdentity device, NewReport r, Instant now) {
        if (!device.deviceId().equals(r.deviceId())) {
            throw new StoreException(Kind.FORBIDDEN, "device_mismatch",
                    "the report's deviceId is not the device of this credential");
        }
        Pending mine = new Pending(device, r, now);
        Lane lane = lanes[(int) (nextLane.getAndIncrement() % lanes.length)];
        lane.queue.add(mine);
        lane.leader.lock();
        try {
            if (!mine.done) {
                List<Pending> batch = new ArrayList<>();
                Pending p;
                while (batch.size() < MAX_BATCH && (p = lane.queue.poll()) != null) {
                    batch.add(p);
                }
                if (!batch.contains(mine)) { // queued behind a full batch: take it too
                    lane.queue.remove(mine);
                    batch.add(mine);
                }
                writeBatch(batch);
            }
        } finally {
            lane.leader.unlock();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.result;
    }

    private void writeBatch(List<Pending> batch) {
        // Lock order is the same in every transaction (reports by id, then devices by id), so that concurrent
        // lanes on PostgreSQL wait for each other instead of deadlocking.
        List<Pending> ordered = new ArrayList<>(batch);
        ordered.sort(Comparator.comparing((Pending p) -> p.report.reportId()));
        try {
            tx(c -> {
                Map<UUID, Pending> lastByDevice = new TreeMap<>();
                for (Pending p : ordered) {
                    p.result = null;
                    p.failure = null;
                    try {
                        p.result = insertReport(c, p.device, p.report, p.now);
                        if (p.result == IngestResult.STORED) {
                            lastByDevice.put(p.device.deviceId(), p);
                        }
                    } catch (StoreException e) {
                        p.failure = e; // nothing was written for this one
                    }
                }
                for (Pending p : lastByDevice.values()) {
                    touchDevice(c, p);
                }
                return null;
            });
        } catch (RuntimeException batchFailure) {
            for (Pending p : ordered) {
                p.result = null;
                p.failure = null;
                for (int attempt = 1; ; attempt++) {
                    try {
                        p.result = tx(c -> {
                            IngestResult r = insertReport(c, p.device, p.report, p.now);
                            if (r == IngestResult.STORED) {
                                touchDevice(c, p);
                            }
                            return r;
                        });
                        break;
                    } catch (StoreFailure e) {
                        if (attempt >= 3 || !retryable(e)) {
                            p.failure = e;
                            break;
                        }
                    } catch (RuntimeException e) {
                        p.failure = e;
                        break;
                    }
                }
            }
        }
        for (Pending p : batch) {
            p.done = true;
        }
    }

    /** Deadlock or serialization failure (PostgreSQL), busy (SQLite): worth one more try. */
    private static boolean retryable(StoreFailure e) {
        if (e.getCause() instanceof SQLException sql) {
            String state = sql.getSQLState();
            return "40P01".equals(state) || "40001".equals(state) || String.valueOf(sql.getMessage()).contains("SQLITE_BUSY");
        }
        return false;
    }

    private static void touchDevice(Connection c, Pending p) throws SQLException {
        update(c, "UPDATE devices SET last_seen_at = ?, hostname = ?, platform = ? WHERE id = ?",
                p.now, p.report.hostname(), p.report.platform(), p.device.deviceId());
    }

    private static IngestResult insertReport(Connection c, DeviceIdentity device, NewReport r, Instant now)
            throws SQLException {
        int inserted = update(c, "INSERT INTO reports (id, device_id, organisation_id, schema_version, hostname, platform, "
                + "agent_version, catalogue_version, started_at, finished_at, received_at, body) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                r.reportId(), device.deviceId(), device.organisationId(), r.schemaVersion(), r.hostname(), r.platform(),
                r.agentVersion(), r.agentCatalogueVersion(), r.startedAt(), r.finishedAt(), now, r.body());
        if (inserted == 0) {
            UUID owner = one(c, "SELECT device_id FROM reports WHERE id = ?", rs -> uuid(rs, 1), r.reportId()).orElseThrow();
            if (owner.equals(device.deviceId())) {
                return IngestResult.ALREADY_STORED;
            }
            throw new StoreException(Kind.CONFLICT, "report_id_taken", "another device already sent a report with this id");
        }
        if (r.agentFindings() != null) {
            insertVerdicts(c, r.reportId(), VerdictSet.AGENT, r.agentCatalogueVersion(), r.finishedAt() == null ? now
                    : r.finishedAt(), r.agentFindings());
        }
        insertVerdicts(c, r.reportId(), VerdictSet.CONSOLE, r.consoleCatalogueVersion(), now, r.consoleFindings());
        return IngestResult.STORED;
    }

    private static final String SUMMARY_SELECT = "SELECT r.id, r.device_id, r.organisation_id, r.schema_version, r.hostname, "
            + "r.platform, r.agent_version, r.catalogue_version, r.started_at, r.finished_at, r.received_at, "
            + "v.fail_count, v.unknown_count";
    private static final String SUMMARY_FROM = " FROM reports r JOIN organisations o ON o.id = r.organisation_id "
            + "LEFT JOIN verdict_sets v ON v.id = (SELECT v2.id FROM verdict_sets v2 WHERE v2.report_id = r.id "
            + "AND v2.judged_by = 'console' ORDER BY v2.judged_at DESC, v2.id DESC LIMIT 1)";

    @Override
    public List<ReportSummary> reports(Scope scope, UUID deviceId, int limit) {
        return read(c -> {
            if (findDevice(c, scope, deviceId).isEmpty()) {
                throw StoreException.notFound("device");
            }
            List<Object> p = new ArrayList<>();
            p.add(deviceId);
            String where = tenant(scope, p);
            p.add(Math.max(1, Math.min(limit, 1000)));
            return list(c, SUMMARY_SELECT + SUMMARY_FROM + " WHERE r.device_id = ? AND " + where
                    + " ORDER BY r.received_at DESC, r.id DESC LIMIT ?", JdbcStore::summary, p.toArray());
        });
    }

    @Override
    public Optional<StoredReport> report(Scope scope, UUID reportId) {
        List<Object> p = new ArrayList<>();
        p.add(reportId);
        String where = tenant(scope, p);
        return read(c -> one(c, SUMMARY_SELECT + ", r.body" + SUMMARY_FROM + " WHERE r.id = ? AND " + where,
                rs -> new StoredReport(summary(rs), rs.getString(14)), p.toArray()));
    }

    @Override
    public List<ReportFindings> reportFindings(Scope scope, UUID organisationId, Instant from, Instant to) {
        List<Object> p = new ArrayList<>();
        p.add(organisationId);
        p.add(from);
        p.add(to);
        String where = tenant(scope, p);
        return read(c -> list(c, "SELECT r.id, r.device_id, COALESCE(r.finished_at, r.received_at) AS at, r.received_at, "
                + "v.findings FROM reports r JOIN organisations o ON o.id = r.organisation_id "
                + "JOIN verdict_sets v ON v.id = (SELECT v2.id FROM verdict_sets v2 WHERE v2.report_id = r.id "
                + "AND v2.judged_by = 'console' ORDER BY v2.judged_at DESC, v2.id DESC LIMIT 1) "
                + "WHERE r.organisation_id = ? AND COALESCE(r.finished_at, r.received_at) BETWEEN ? AND ? AND " + where
                + " ORDER BY at, r.id", rs -> new ReportFindings(uuid(rs, 1), uuid(rs, 2), instant(rs, 3), instant(rs, 4),
                readFindings(rs.getString(5))), p.toArray()));
    }

    @Override
    public Optional<VerdictSet> consoleVerdicts(Scope scope, UUID reportId) {
        return verdicts(scope, reportId, VerdictSet.CONSOLE);
    }

    @Override
    public Optional<VerdictSet> agentVerdicts(Scope scope, UUID reportId) {
        return verdicts(scope, reportId, VerdictSet.AGENT);
    }

    private Optional<VerdictSet> verdicts(Scope scope, UUID reportId, String judgedBy) {
        List<Object> p = new ArrayList<>();
        p.add(reportId);
        p.add(judgedBy);
        String where = tenant(scope, p);
        return read(c -> one(c, "SELECT v.id, v.report_id, v.judged_by, v.catalogue_version, v.judged_at, v.findings "
                + "FROM verdict_sets v JOIN reports r ON r.id = v.report_id JOIN organisations o ON o.id = r.organisation_id "
                + "WHERE v.report_id = ? AND v.judged_by = ? AND " + where + " ORDER BY v.judged_at DESC, v.id DESC LIMIT 1",
                rs -> new VerdictSet(uuid(rs, 1), uuid(rs, 2), rs.getString(3), rs.getString(4), instant(rs, 5),
                        readFindings(rs.getString(6))), p.toArray()));
    }

    private static void insertVerdicts(Connection c, UUID reportId, String judgedBy, String catalogueVersion,
                                       Instant judgedAt, List<Finding> findings) throws SQLException {
        int fail = 0;
        int unknown = 0;
        for (Finding f : findings) {
            if (f.verdict() == Verdict.FAIL) {
                fail++;
            } else if (f.verdict() == Verdict.UNKNOWN) {
                unknown++;
            }
        }
        String json;
        try {
            json = Json.mapper().writeValueAsString(findings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("findings not serialisable", e);
        }
        update(c, "INSERT INTO verdict_sets (id, report_id, judged_by, catalogue_version, judged_at, fail_count, unknown_count, "
                + "findings) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", UUID.randomUUID(), reportId, judgedBy, catalogueVersion,
                judgedAt, fail, unknown, json);
    }

    private static List<Finding> readFindings(String json) {
        try {
            return Json.mapper().readValue(json, FINDINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored findings unreadable", e);
        }
    }

    // ------------------------------------------------------------------ tenancy

    /**
     * The tenant predicate on {@code organisations o}: the caller's provider, and for a customer viewer their one
     * organisation. Appends its parameters to {@code params}.
     */
    static String tenant(Scope scope, List<Object> params) {
        params.add(scope.providerId());
        if (scope.role() == Role.CUSTOMER_VIEWER) {
            params.add(scope.organisationId());
            return "o.provider_id = ? AND o.id = ?";
        }
        return "o.provider_id = ?";
    }

    private static void requireManager(Scope scope) {
        if (!scope.role().canManage()) {
            throw new StoreException(Kind.FORBIDDEN, "role_forbidden", "this role may read but not change");
        }
    }

    // ------------------------------------------------------------------ row mapping

    private static UserAccount user(ResultSet rs) throws SQLException {
        return new UserAccount(uuid(rs, 1), uuid(rs, 2), uuid(rs, 3), rs.getString(4), Role.valueOf(rs.getString(5)),
                instant(rs, 6));
    }

    private static Organisation organisation(ResultSet rs) throws SQLException {
        return new Organisation(uuid(rs, 1), uuid(rs, 2), rs.getString(3), instant(rs, 4));
    }

    private static Device device(ResultSet rs) throws SQLException {
        return new Device(uuid(rs, 1), uuid(rs, 2), rs.getString(3), rs.getString(4), instant(rs, 5), instant(rs, 6),
                instant(rs, 7));
    }

    private static ReportSummary summary(ResultSet rs) throws SQLException {
        return new ReportSummary(uuid(rs, 1), uuid(rs, 2), uuid(rs, 3), rs.getInt(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), instant(rs, 9), instant(rs, 10), instant(rs, 11), integer(rs, 12),
                integer(rs, 13));
    }

    private static UUID uuid(ResultSet rs, int i) throws SQLException {
        String s = rs.getString(i);
        return s == null ? null : UUID.fromString(s);
    }

    private static Instant instant(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private static Integer integer(ResultSet rs, int i) throws SQLException {
        int v = rs.getInt(i);
        return rs.wasNull() ? null : v;
    }

    private static String requireText(String s, String what, int max) {
        if (s == null || s.isBlank()) {
            throw new StoreException(Kind.INVALID, "missing_" + what.replace(' ', '_'), what + " is required");
        }
        String t = s.strip();
        if (t.length() > max) {
            throw new StoreException(Kind.INVALID, "too_long", what + " is longer than " + max + " characters");
        }
        return t;
    }

    private static String normaliseEmail(String email) {
        String e = requireText(email, "email", 320).toLowerCase(Locale.ROOT);
        if (e.indexOf('@') <= 0 || e.indexOf('@') == e.length() - 1) {
            throw new StoreException(Kind.INVALID, "bad_email", "not an email address");
        }
        return e;
    }

    // ------------------------------------------------------------------ JDBC plumbing

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} in one transaction: all of it or nothing. */
    private <T> T tx(Work<T> work) {
        if (sqliteWriter == null) {
            return txNow(work);
        }
        sqliteWriter.lock();
        try {
            return txNow(work);
        } finally {
            sqliteWriter.unlock();
        }
    }

    private <T> T txNow(Work<T> work) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreFailure(e);
        }
    }

    private <T> T read(Work<T> work) {
        try (Connection c = ds.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreFailure(e);
        }
    }

    @Override
    public void close() {
        database.close();
    }

    /** A database failure (not a refusal): the API answers 500/503 and logs it. */
    public static final class StoreFailure extends RuntimeException {
        StoreFailure(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
