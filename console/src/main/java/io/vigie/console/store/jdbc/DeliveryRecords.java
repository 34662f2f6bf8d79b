package io.vigie.console.store.jdbc;

import io.vigie.console.store.DeviceIdentity;
import io.vigie.console.store.ReportDelivery;
import io.vigie.console.store.Secrets;
import io.vigie.console.store.Store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Delivery facts kept beside the reports (migration {@code V3__delivery.sql}): reports an agent dropped unsent
 * (its spool was full) and how imported report files came in. Also the few device look-ups a file import needs.
 * Kept apart from {@link JdbcStore} so the ingest path there stays as it is; callers check tenancy through the
 * {@link Store} first (these methods take ids the caller was allowed to see). Portable SQL.
 */
public final class DeliveryRecords {

    /** The table this class adds (for row counts in tests and diagnostics). */
    public static final String TABLE = "report_delivery";

    private final DataSource ds;

    public DeliveryRecords(Database database) {
        this.ds = database.dataSource();
    }

    /** The records of a JDBC store. */
    public static DeliveryRecords of(Store store) {
        if (store instanceof JdbcStore js) {
            return new DeliveryRecords(js.database());
        }
        throw new IllegalArgumentException("delivery records need the JDBC store, not " + store.getClass().getName());
    }

    /** Records a delivery fact once (a repeated upload or import of the same report changes nothing). */
    public void record(ReportDelivery d) {
        write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO report_delivery (report_id, source, authenticated, "
                    + "dropped_before, dropped_from, dropped_to, imported_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (report_id) DO NOTHING")) {
                ps.setString(1, d.reportId().toString());
                ps.setString(2, d.source());
                ps.setInt(3, d.authenticated() ? 1 : 0);
                ps.setInt(4, d.droppedBefore());
                setInstant(ps, 5, d.droppedFrom());
                setInstant(ps, 6, d.droppedTo());
                ps.setString(7, d.importedBy() == null ? null : d.importedBy().toString());
                ps.setLong(8, d.recordedAt().toEpochMilli());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The delivery facts of a report, if any (the caller has checked the report is visible to its user). */
    public Optional<ReportDelivery> forReport(UUID reportId) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT report_id, source, authenticated, dropped_before, "
                    + "dropped_from, dropped_to, imported_by, recorded_at FROM report_delivery WHERE report_id = ?")) {
                ps.setString(1, reportId.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    String by = rs.getString(7);
                    return Optional.of(new ReportDelivery(UUID.fromString(rs.getString(1)), rs.getString(2),
                            rs.getInt(3) != 0, rs.getInt(4), instant(rs, 5), instant(rs, 6),
                            by == null ? null : UUID.fromString(by), instant(rs, 8)));
                }
            }
        });
    }

    /**
     * Totals of a device's reports.
     *
     * @param droppedReports         reports the agent dropped unsent, over its whole stored history
     * @param imports                reports imported from files
     * @param unauthenticatedImports of which with a checksum only
     */
    public record DeviceTotals(long droppedReports, long imports, long unauthenticatedImports) {
    }

    public DeviceTotals forDevice(UUID deviceId) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(d.dropped_before), 0), "
                    + "COALESCE(SUM(CASE WHEN d.source = 'import' THEN 1 ELSE 0 END), 0), "
                    + "COALESCE(SUM(CASE WHEN d.source = 'import' AND d.authenticated = 0 THEN 1 ELSE 0 END), 0) "
                    + "FROM report_delivery d JOIN reports r ON r.id = d.report_id WHERE r.device_id = ?")) {
                ps.setString(1, deviceId.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new DeviceTotals(rs.getLong(1), rs.getLong(2), rs.getLong(3));
                }
            }
        });
    }

    /**
     * The ids of a device's reports imported from a checksum-only file ("non authentifié"); the caller has checked
     * the device is visible to its user.
     */
    public java.util.Set<UUID> unauthenticatedReports(UUID deviceId) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT d.report_id FROM report_delivery d JOIN reports r "
                    + "ON r.id = d.report_id WHERE r.device_id = ? AND d.authenticated = 0")) {
                ps.setString(1, deviceId.toString());
                java.util.Set<UUID> out = new java.util.HashSet<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(UUID.fromString(rs.getString(1)));
                    }
                }
                return out;
            }
        });
    }

    /** What a file import needs to know of a device id (any tenant: the caller must not reveal other tenants). */
    public record DeviceKey(UUID deviceId, UUID organisationId, UUID providerId, String secretHash, Instant revokedAt) {
        public DeviceIdentity identity() {
            return new DeviceIdentity(deviceId, organisationId, providerId);
        }
    }

    public Optional<DeviceKey> deviceKey(UUID deviceId) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT d.organisation_id, o.provider_id, d.secret_hash, "
                    + "d.revoked_at FROM devices d JOIN organisations o ON o.id = d.organisation_id WHERE d.id = ?")) {
                ps.setString(1, deviceId.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new DeviceKey(deviceId, UUID.fromString(rs.getString(1)),
                            UUID.fromString(rs.getString(2)), rs.getString(3), instant(rs, 4))) : Optional.empty();
                }
            }
        });
    }

    /** The device that owns a stored report id, if the id is taken. */
    public Optional<UUID> reportOwner(UUID reportId) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT device_id FROM reports WHERE id = ?")) {
                ps.setString(1, reportId.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(UUID.fromString(rs.getString(1))) : Optional.empty();
                }
            }
        });
    }

    /**
     * Registers a device known only from an imported, never-enrolled agent's file. It gets a random secret hash
     * that matches no credential (the secret is thrown away): it can never upload; enrolling it later with a code
     * gives it a real secret.
     */
    public DeviceIdentity addImportedDevice(UUID deviceId, UUID organisationId, UUID providerId, String hostname,
                                            String platform, Instant now) {
        write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO devices (id, organisation_id, secret_hash, hostname, "
                    + "platform, enrolled_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
                ps.setString(1, deviceId.toString());
                ps.setString(2, organisationId.toString());
                ps.setString(3, Secrets.sha256(Secrets.newSecret()));
                ps.setString(4, hostname);
                ps.setString(5, platform);
                ps.setLong(6, now.toEpochMilli());
                ps.executeUpdate();
            }
            return null;
        });
        return new DeviceIdentity(deviceId, organisationId, providerId);
    }

    /** Removes a device registered by {@link #addImportedDevice} whose import then failed (it holds no report). */
    public void removeImportedDeviceWithoutReports(UUID deviceId) {
        write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM devices WHERE id = ? AND NOT EXISTS "
                    + "(SELECT 1 FROM reports WHERE device_id = ?) AND NOT EXISTS "
                    + "(SELECT 1 FROM enrollment_codes WHERE device_id = ?)")) {
                ps.setString(1, deviceId.toString());
                ps.setString(2, deviceId.toString());
                ps.setString(3, deviceId.toString());
                ps.executeUpdate();
            }
            return null;
        });
    }

    public long count() {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM report_delivery");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    // ---- plumbing

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T write(Work<T> work) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                T t = work.run(c);
                c.commit();
                return t;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new JdbcStore.StoreFailure(e);
        }
    }

    private <T> T read(Work<T> work) {
        try (Connection c = ds.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new JdbcStore.StoreFailure(e);
        }
    }

    private static void setInstant(PreparedStatement ps, int i, Instant t) throws SQLException {
        if (t == null) {
            ps.setObject(i, null);
        } else {
            ps.setLong(i, t.toEpochMilli());
        }
    }

    private static Instant instant(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }
}
