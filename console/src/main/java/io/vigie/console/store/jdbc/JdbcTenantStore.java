package io.vigie.console.store.jdbc;

import static io.vigie.console.store.jdbc.Jdbc.instant;
import static io.vigie.console.store.jdbc.Jdbc.list;
import static io.vigie.console.store.jdbc.Jdbc.one;
import static io.vigie.console.store.jdbc.Jdbc.requireText;
import static io.vigie.console.store.jdbc.Jdbc.update;
import static io.vigie.console.store.jdbc.Jdbc.uuid;

import io.vigie.console.store.Device;
import io.vigie.console.store.DeviceIdentity;
import io.vigie.console.store.Enrolled;
import io.vigie.console.store.IssuedSecret;
import io.vigie.console.store.Organisation;
import io.vigie.console.store.Scope;
import io.vigie.console.store.Secrets;
import io.vigie.console.store.StoreException;
import io.vigie.console.store.StoreException.Kind;
import io.vigie.console.store.TenantStore;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@link TenantStore} on JDBC: organisations, enrollment codes and devices, each read under {@link Tenant}. */
final class JdbcTenantStore implements TenantStore {

    private final Jdbc jdbc;

    JdbcTenantStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    // ------------------------------------------------------------------ organisations

    @Override
    public Organisation createOrganisation(Scope scope, String name, Instant now) {
        requireManager(scope);
        String n = requireText(name, "organisation name", 200);
        return jdbc.tx(c -> {
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
        Tenant t = Tenant.where(scope);
        return jdbc.read(c -> list(c, "SELECT o.id, o.provider_id, o.name, o.created_at FROM organisations o WHERE " + t.sql()
                + " ORDER BY o.name", JdbcTenantStore::organisation, t.params()));
    }

    @Override
    public Optional<Organisation> organisation(Scope scope, UUID organisationId) {
        return jdbc.read(c -> findOrganisation(c, scope, organisationId));
    }

    private static Optional<Organisation> findOrganisation(Connection c, Scope scope, UUID organisationId) throws SQLException {
        Tenant t = Tenant.where(scope);
        return one(c, "SELECT o.id, o.provider_id, o.name, o.created_at FROM organisations o WHERE o.id = ? AND " + t.sql(),
                JdbcTenantStore::organisation, t.after(organisationId));
    }

    // ------------------------------------------------------------------ enrollment and devices

    @Override
    public IssuedSecret createEnrollmentCode(Scope scope, UUID organisationId, Instant now, Duration lifetime) {
        requireManager(scope);
        String code = Secrets.newEnrollmentCode();
        UUID id = UUID.randomUUID();
        Instant expires = now.plus(lifetime);
        jdbc.tx(c -> {
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
        return jdbc.tx(c -> {
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
            // An existing id is never rebound by a code alone (device takeover), and the answer is the same in
            // every organisation and provider (no existence oracle): only a manager's open re-enrollment window
            // in the code's own organisation lets it through.
            Optional<Long> reenrollUntil = one(c, "SELECT COALESCE(reenroll_until, 0) FROM devices WHERE id = ? "
                    + "AND organisation_id = ?", rs -> rs.getLong(1), deviceId, row.organisationId());
            boolean exists = one(c, "SELECT 1 FROM devices WHERE id = ?", rs -> 1, deviceId).isPresent();
            if (exists && (reenrollUntil.isEmpty() || reenrollUntil.get() <= now.toEpochMilli())) {
                throw deviceIdTaken();
            }
            String secretHash = Secrets.sha256(secret);
            if (exists) {
                if (update(c, "UPDATE devices SET secret_hash = ?, hostname = ?, platform = ?, revoked_at = NULL, "
                        + "reenroll_until = NULL WHERE id = ? AND reenroll_until > ?", secretHash, hostname, platform,
                        deviceId, now) != 1) {
                    throw deviceIdTaken();
                }
                SecurityAudit.record(c, now, row.providerId(), null, "device_reenrolled", deviceId.toString());
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
        DeviceCredential cred = jdbc.read(c -> one(c, "SELECT d.secret_hash, d.revoked_at, d.organisation_id, o.provider_id "
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
        return jdbc.read(c -> {
            if (findOrganisation(c, scope, organisationId).isEmpty()) {
                throw StoreException.notFound("organisation");
            }
            Tenant t = Tenant.where(scope);
            return list(c, "SELECT " + DEVICE_COLUMNS + " FROM devices d JOIN organisations o ON o.id = d.organisation_id "
                    + "WHERE d.organisation_id = ? AND " + t.sql() + " ORDER BY d.hostname, d.id", JdbcTenantStore::device,
                    t.after(organisationId));
        });
    }

    @Override
    public Optional<Device> device(Scope scope, UUID deviceId) {
        return jdbc.read(c -> findDevice(c, scope, deviceId));
    }

    static Optional<Device> findDevice(Connection c, Scope scope, UUID deviceId) throws SQLException {
        Tenant t = Tenant.where(scope);
        return one(c, "SELECT " + DEVICE_COLUMNS + " FROM devices d JOIN organisations o ON o.id = d.organisation_id "
                + "WHERE d.id = ? AND " + t.sql(), JdbcTenantStore::device, t.after(deviceId));
    }

    @Override
    public void revokeDevice(Scope scope, UUID deviceId, Instant now) {
        requireManager(scope);
        jdbc.tx(c -> {
            Device d = findDevice(c, scope, deviceId).orElseThrow(() -> StoreException.notFound("device"));
            if (d.revokedAt() == null) {
                update(c, "UPDATE devices SET revoked_at = ? WHERE id = ?", now, deviceId);
            }
            return null;
        });
    }

    private static StoreException deviceIdTaken() {
        return new StoreException(Kind.CONFLICT, "device_id_taken",
                "this device id is already enrolled; an administrator of its organisation can allow its re-enrollment");
    }

    @Override
    public void allowReenrollment(Scope scope, UUID deviceId, Instant now, Instant until) {
        requireManager(scope);
        jdbc.tx(c -> {
            findDevice(c, scope, deviceId).orElseThrow(() -> StoreException.notFound("device"));
            update(c, "UPDATE devices SET reenroll_until = ? WHERE id = ?", until, deviceId);
            SecurityAudit.record(c, now, scope.providerId(), scope.userId(), "reenrollment_allowed", deviceId.toString());
            return null;
        });
    }

    static void requireManager(Scope scope) {
        if (!scope.role().canManage()) {
            throw new StoreException(Kind.FORBIDDEN, "role_forbidden", "this role may read but not change");
        }
    }

    private static Organisation organisation(ResultSet rs) throws SQLException {
        return new Organisation(uuid(rs, 1), uuid(rs, 2), rs.getString(3), instant(rs, 4));
    }

    private static Device device(ResultSet rs) throws SQLException {
        return new Device(uuid(rs, 1), uuid(rs, 2), rs.getString(3), rs.getString(4), instant(rs, 5), instant(rs, 6),
                instant(rs, 7));
    }
}
