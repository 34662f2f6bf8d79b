package io.vigie.console.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A provider's organisations, their enrollment codes and their devices. Every method reading or changing tenant
 * data takes a {@link Scope} and adds the tenant predicate; outside the caller's tenant is "absent". Calls block.
 */
public interface TenantStore {

    Organisation createOrganisation(Scope scope, String name, Instant now);

    List<Organisation> organisations(Scope scope);

    Optional<Organisation> organisation(Scope scope, UUID organisationId);

    /** A one-time code that enrolls one device into the organisation until it expires. */
    IssuedSecret createEnrollmentCode(Scope scope, UUID organisationId, Instant now, Duration lifetime);

    /**
     * Uses a code: binds a new {@code deviceId} to the code's organisation and issues its secret. A code never
     * rebinds or un-revokes an existing device: an id already enrolled (in this organisation or in any other, of
     * any provider) is refused with the same CONFLICT {@code device_id_taken}, and the code stays unused. The one
     * exception is a device of the code's organisation for which a manager called {@link #allowReenrollment}
     * and whose window is still open: it gets a new secret (the old one stops working), its revocation is lifted,
     * the window closes and the re-enrollment is audited.
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

    /**
     * A manager's explicit permission for one enrollment code of the device's organisation to bind the device
     * again (re-installed machine) until {@code until}; audited.
     *
     * @throws StoreException NOT_FOUND outside the caller's tenant, FORBIDDEN for a viewer
     */
    void allowReenrollment(Scope scope, UUID deviceId, Instant now, Instant until);
}
