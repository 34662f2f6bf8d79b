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
}
