package io.vigie.console.store;

import java.util.UUID;

/** An authenticated agent: its device, and the organisation and provider it was enrolled into. */
public record DeviceIdentity(UUID deviceId, UUID organisationId, UUID providerId) {
}
