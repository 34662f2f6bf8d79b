package io.vigie.console.store;

import java.time.Instant;
import java.util.UUID;

/** A customer organisation (an SME) of a provider. */
public record Organisation(UUID id, UUID providerId, String name, Instant createdAt) {
}
