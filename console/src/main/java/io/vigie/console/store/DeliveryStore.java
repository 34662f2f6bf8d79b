package io.vigie.console.store;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Delivery facts kept beside the reports: reports an agent dropped unsent (its spool was full) and how imported
 * report files came in; also the few device look-ups a file import needs. Callers check tenancy through the
 * {@link TenantStore} / {@link ReportStore} first: these methods take ids the caller was allowed to see. Calls block.
 */
public interface DeliveryStore {

    /**
     * Totals of a device's reports.
     *
     * @param droppedReports         reports the agent dropped unsent, over its whole stored history
     * @param imports                reports imported from files
     * @param unauthenticatedImports of which with a checksum only
     */
    record DeviceTotals(long droppedReports, long imports, long unauthenticatedImports) {
    }

    /** What a file import needs to know of a device id (any tenant: the caller must not reveal other tenants). */
    record DeviceKey(UUID deviceId, UUID organisationId, UUID providerId, String secretHash, Instant revokedAt) {
        public DeviceIdentity identity() {
            return new DeviceIdentity(deviceId, organisationId, providerId);
        }
    }

    /** Records a delivery fact once (a repeated upload or import of the same report changes nothing). */
    void record(ReportDelivery delivery);

    /** The delivery facts of a report, if any (the caller has checked the report is visible to its user). */
    Optional<ReportDelivery> forReport(UUID reportId);

    DeviceTotals forDevice(UUID deviceId);

    /**
     * The ids of a device's reports imported from a checksum-only file ("non authentifié"); the caller has checked
     * the device is visible to its user.
     */
    Set<UUID> unauthenticatedReports(UUID deviceId);

    Optional<DeviceKey> deviceKey(UUID deviceId);

    /** The device that owns a stored report id, if the id is taken. */
    Optional<UUID> reportOwner(UUID reportId);

    /**
     * Registers a device known only from an imported, never-enrolled agent's file. It gets a random secret hash
     * that matches no credential (the secret is thrown away): it can never upload; enrolling it later with a code
     * gives it a real secret.
     */
    DeviceIdentity addImportedDevice(UUID deviceId, UUID organisationId, UUID providerId, String hostname,
                                     String platform, Instant now);

    /** Removes a device registered by {@link #addImportedDevice} whose import then failed (it holds no report). */
    void removeImportedDeviceWithoutReports(UUID deviceId);
}
