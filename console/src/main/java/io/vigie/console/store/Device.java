package io.vigie.console.store;

import java.time.Instant;
import java.util.UUID;

/** An enrolled machine. {@code revokedAt} non-null: its credential no longer works. */
public record Device(UUID id, UUID organisationId, String hostname, String platform, Instant enrolledAt,
                     Instant lastSeenAt, Instant revokedAt) {
}
