package io.vigie.console.store;

import java.time.Instant;
import java.util.UUID;

/**
 * A freshly issued secret (API token, enrollment code, device secret): the only time the clear value exists.
 * The store keeps its SHA-256 only.
 */
public record IssuedSecret(UUID id, String secret, Instant expiresAt) {
}
