package io.vigie.console.store.jdbc;

import static io.vigie.console.store.jdbc.Jdbc.instant;
import static io.vigie.console.store.jdbc.Jdbc.list;
import static io.vigie.console.store.jdbc.Jdbc.one;
import static io.vigie.console.store.jdbc.Jdbc.update;
import static io.vigie.console.store.jdbc.Jdbc.uuid;

import io.vigie.console.store.DeliveryStore;
import io.vigie.console.store.DeviceIdentity;
import io.vigie.console.store.ReportDelivery;
import io.vigie.console.store.Secrets;

import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** {@link DeliveryStore} on JDBC (migration {@code V3__delivery.sql}). Portable SQL. */
final class JdbcDeliveryStore implements DeliveryStore {

    private final Jdbc jdbc;

    JdbcDeliveryStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void record(ReportDelivery d) {
        jdbc.tx(c -> update(c, "INSERT INTO report_delivery (report_id, source, authenticated, dropped_before, dropped_from, "
                + "dropped_to, imported_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (report_id) DO NOTHING",
                d.reportId(), d.source(), d.authenticated(), d.droppedBefore(), d.droppedFrom(), d.droppedTo(),
                d.importedBy(), d.recordedAt()));
    }

    @Override
    public Optional<ReportDelivery> forReport(UUID reportId) {
        return jdbc.read(c -> one(c, "SELECT report_id, source, authenticated, dropped_before, dropped_from, dropped_to, "
                + "imported_by, recorded_at FROM report_delivery WHERE report_id = ?",
                rs -> new ReportDelivery(uuid(rs, 1), rs.getString(2), rs.getInt(3) != 0, rs.getInt(4), instant(rs, 5),
                        instant(rs, 6), uuid(rs, 7), instant(rs, 8)), reportId));
    }

    @Override
    public DeviceTotals forDevice(UUID deviceId) {
        return jdbc.read(c -> one(c, "SELECT COALESCE(SUM(d.dropped_before), 0), "
                + "COALESCE(SUM(CASE WHEN d.source = 'import' THEN 1 ELSE 0 END), 0), "
                + "COALESCE(SUM(CASE WHEN d.source = 'import' AND d.authenticated = 0 THEN 1 ELSE 0 END), 0) "
                + "FROM report_delivery d JOIN reports r ON r.id = d.report_id WHERE r.device_id = ?",
                rs -> new DeviceTotals(rs.getLong(1), rs.getLong(2), rs.getLong(3)), deviceId).orElseThrow());
    }

    @Override
    public Set<UUID> unauthenticatedReports(UUID deviceId) {
        return jdbc.read(c -> new HashSet<>(list(c, "SELECT d.report_id FROM report_delivery d JOIN reports r "
                + "ON r.id = d.report_id WHERE r.device_id = ? AND d.authenticated = 0", rs -> uuid(rs, 1), deviceId)));
    }

    @Override
    public Optional<DeviceKey> deviceKey(UUID deviceId) {
        return jdbc.read(c -> one(c, "SELECT d.organisation_id, o.provider_id, d.secret_hash, d.revoked_at "
                + "FROM devices d JOIN organisations o ON o.id = d.organisation_id WHERE d.id = ?",
                rs -> new DeviceKey(deviceId, uuid(rs, 1), uuid(rs, 2), rs.getString(3), instant(rs, 4)), deviceId));
    }

    @Override
    public Optional<UUID> reportOwner(UUID reportId) {
        return jdbc.read(c -> one(c, "SELECT device_id FROM reports WHERE id = ?", rs -> uuid(rs, 1), reportId));
    }

    @Override
    public DeviceIdentity addImportedDevice(UUID deviceId, UUID organisationId, UUID providerId, String hostname,
                                            String platform, Instant now) {
        jdbc.tx(c -> update(c, "INSERT INTO devices (id, organisation_id, secret_hash, hostname, platform, enrolled_at) "
                + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING", deviceId, organisationId,
                Secrets.sha256(Secrets.newSecret()), hostname, platform, now));
        return new DeviceIdentity(deviceId, organisationId, providerId);
    }

    @Override
    public void removeImportedDeviceWithoutReports(UUID deviceId) {
        jdbc.tx(c -> update(c, "DELETE FROM devices WHERE id = ? AND NOT EXISTS (SELECT 1 FROM reports WHERE device_id = ?) "
                + "AND NOT EXISTS (SELECT 1 FROM enrollment_codes WHERE device_id = ?)", deviceId, deviceId, deviceId));
    }
}
